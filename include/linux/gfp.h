/*
 * GFP ("get free pages") flags: how hard an allocation may try and what it
 * may do to succeed. Names and meanings follow Linux's include/linux/gfp_types.h,
 * reduced to the ones that change behaviour here.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

#define __GFP_HIGH		0x01u	/* may dip below the min watermark (GFP_ATOMIC) */
#define __GFP_DIRECT_RECLAIM	0x02u	/* may enter direct reclaim (may sleep) */
#define __GFP_KSWAPD_RECLAIM	0x04u	/* may wake kswapd */
#define __GFP_ZERO		0x08u	/* return zeroed memory */
#define __GFP_NORETRY		0x10u	/* give up after one reclaim attempt, no OOM kill */
#define __GFP_NOWARN		0x20u	/* no warning on failure */
#define __GFP_MOVABLE		0x40u	/* user pages: may be moved or reclaimed */

#define GFP_ATOMIC	(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_NOWAIT	(__GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_USER	(GFP_KERNEL | __GFP_MOVABLE)
#define GFP_HIGHUSER_MOVABLE GFP_USER

#endif
