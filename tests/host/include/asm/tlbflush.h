/*
 * Host build: the arm64 header itself (it only declares, or defines plain
 * constants and inline bit manipulation). No include guard here: the real
 * header has one.
 */
#include "../../../../arch/arm64/include/asm/tlbflush.h"
