/* mark.c — the yici mark drawn with cairo paths, the same shapes as the SVG of
 * web/src/components/YiciMark.vue (and web/public/favicon.svg):
 *
 *   <rect x="2" y="2" width="60" height="60" rx="15" fill="#fff" />
 *   <rect x="5" y="5" width="54" height="54" rx="12" fill="#1d5fb8" />
 *   <path d="M45.5 20.5 A17 17 0 1 0 49 32" stroke="#fff" stroke-width="5" round caps />
 *   <path d="M40.5 16.5 L48.5 19.5 L46 27.5" stroke="#fff" stroke-width="5" round caps, joins />
 *   <rect x="21" y="29" width="22" height="6" rx="3" fill="#ffd24a" />
 *
 * If the SVG changes, change this file too. */
#include "notice_pdf.h"

#include <math.h>

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
}

/* The SVG elliptical arc command "A r r 0 large sweep x2 y2" from the current point (x1, y1), for a
 * circle, by the endpoint-to-center conversion of SVG 1.1 appendix F.6.5. */
static void svg_arc(cairo_t *cr, double x1, double y1, double r, int large, int sweep, double x2,
                    double y2)
{
	double xp = (x1 - x2) / 2, yp = (y1 - y2) / 2;
	double d2 = xp * xp + yp * yp;
	if (d2 == 0)
		return;
	if (d2 > r * r) /* radius too small: scaled up, as SVG does */
		r = sqrt(d2);
	double k = sqrt(fmax(0, (r * r - d2) / d2)) * (large != sweep ? 1 : -1);
	double cx = k * yp + (x1 + x2) / 2, cy = -k * xp + (y1 + y2) / 2;
	double a1 = atan2(y1 - cy, x1 - cx), a2 = atan2(y2 - cy, x2 - cx);
	if (sweep)
		cairo_arc(cr, cx, cy, r, a1, a2);
	else
		cairo_arc_negative(cr, cx, cy, r, a1, a2);
}

void yc_mark_draw(cairo_t *cr, double x, double y, double size)
{
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, size / 64, size / 64);
	cairo_new_path(cr);

	rounded_rect(cr, 2, 2, 60, 60, 15);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill(cr);
	rounded_rect(cr, 5, 5, 54, 54, 12);
	cairo_set_source_rgb(cr, 0x1d / 255.0, 0x5f / 255.0, 0xb8 / 255.0);
	cairo_fill(cr);

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 5);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_move_to(cr, 45.5, 20.5);
	svg_arc(cr, 45.5, 20.5, 17, 1, 0, 49, 32);
	cairo_stroke(cr);
	cairo_move_to(cr, 40.5, 16.5);
	cairo_line_to(cr, 48.5, 19.5);
	cairo_line_to(cr, 46, 27.5);
	cairo_stroke(cr);

	rounded_rect(cr, 21, 29, 22, 6, 3);
	cairo_set_source_rgb(cr, 0xff / 255.0, 0xd2 / 255.0, 0x4a / 255.0);
	cairo_fill(cr);
	cairo_restore(cr);
}
