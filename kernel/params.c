/*
 * The kernel command line (/chosen/bootargs): "word" or "key=value" tokens
 * separated by spaces. Handlers register with __setup (include/linux/init.h).
 * Linux: kernel/params.c and init/main.c (unknown_bootoption).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <string.h>

extern const struct kernel_param __start_setup_params[], __stop_setup_params[];

static const char *saved_cmdline = "";

/* Next token of s: sets *len, returns its start or NULL at the end. */
static const char *next_token(const char *s, size_t *len)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return NULL;
	*len = 0;
	while (s[*len] && s[*len] != ' ' && s[*len] != '\t' && s[*len] != '\n')
		(*len)++;
	return s;
}

void parse_args(const char *cmdline)
{
	char unknown[256] = "";
	size_t unknown_len = 0, len;
	const char *tok;

	saved_cmdline = cmdline;
	for (const char *s = cmdline; (tok = next_token(s, &len)); s = tok + len) {
		char buf[128];
		const char *eq, *val = NULL;
		const struct kernel_param *p;

		if (len >= sizeof(buf)) {
			printk("command line: parameter too long, ignored: %.40s...\n", tok);
			continue;
		}
		memcpy(buf, tok, len);
		buf[len] = 0;
		eq = strchr(buf, '=');
		if (eq) {
			buf[eq - buf] = 0;
			val = eq + 1;
		}
		for (p = __start_setup_params; p < __stop_setup_params; p++)
			if (strcmp(p->name, buf) == 0)
				break;
		if (p == __stop_setup_params) {
			if (unknown_len + len + 2 < sizeof(unknown)) {
				if (unknown_len)
					unknown[unknown_len++] = ' ';
				memcpy(unknown + unknown_len, tok, len);
				unknown_len += len;
				unknown[unknown_len] = 0;
			}
			continue;
		}
		if (p->setup(val) != 0)
			printk("command line: bad value for %s: \"%s\", ignored\n", buf, val ? val : "");
	}
	if (unknown_len)
		printk("Unknown kernel command line parameters \"%s\", ignored.\n", unknown);
}

bool cmdline_get(const char *key, char *buf, unsigned long size)
{
	size_t klen = strlen(key), len;
	const char *tok;

	for (const char *s = saved_cmdline; (tok = next_token(s, &len)); s = tok + len) {
		if (len > klen && strncmp(tok, key, klen) == 0 && tok[klen] == '=') {
			size_t vlen = min(len - klen - 1, (size_t)size - 1);

			memcpy(buf, tok + klen + 1, vlen);
			buf[vlen] = 0;
			return true;
		}
	}
	return false;
}

bool cmdline_has(const char *word)
{
	size_t wlen = strlen(word), len;
	const char *tok;

	for (const char *s = saved_cmdline; (tok = next_token(s, &len)); s = tok + len)
		if (len >= wlen && strncmp(tok, word, wlen) == 0 && (len == wlen || tok[wlen] == '='))
			return true;
	return false;
}
