/* bare_cairo: the floor for "cairo draws a bar chart into a PNG", as one whole process.
 *
 *   bare_cairo DATA.tsv OUT.png TITLE [SUBTITLE] [SOURCE]
 *
 * DATA.tsv (made by run.sh): label <TAB> numeric value <TAB> value label as in the CSV.
 * Draws what csvchart draws, with no layout engine: a 1200x675 RGB24 image surface, white
 * background, title/subtitle/source, y gridlines with tick labels, one rectangle per bar,
 * value and category labels -- all text through cairo's toy API (cairo_show_text, which
 * still goes through fontconfig + FreeType) -- then cairo_surface_write_to_png.
 * No text shaping, wrapping or measuring beyond cairo_text_extents for centring.
 * Build: cc -O2 bare_cairo.c -o bare_cairo $(pkg-config --cflags --libs cairo)
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { W = 1200, H = 675, MAX_BARS = 64 };

struct bar {
    char label[128], text[64];
    double value;
};

static void text_at(cairo_t *cr, const char *s, double x, double y, double align)
{ /* align: 0 left, 0.5 centre, 1 right of x; y is the baseline */
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    cairo_move_to(cr, x - align * e.x_advance, y);
    cairo_show_text(cr, s);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bare_cairo DATA.tsv OUT.png TITLE [SUBTITLE] [SOURCE]\n");
        return 2;
    }
    struct bar bars[MAX_BARS];
    int n = 0;
    double max = 0;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    while (n < MAX_BARS &&
           fscanf(f, " %127[^\t]\t%lf\t%63[^\n]", bars[n].label, &bars[n].value, bars[n].text) == 3)
        max = fmax(max, bars[n++].value);
    fclose(f);
    if (n == 0 || max <= 0) {
        fprintf(stderr, "bare_cairo: no positive data in %s\n", argv[1]);
        return 1;
    }

    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);

    /* Headline block and source line. */
    cairo_set_source_rgb(cr, 0.07, 0.07, 0.07);
    cairo_select_font_face(cr, "Inter", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 30);
    text_at(cr, argv[3], 36, 58, 0);
    cairo_select_font_face(cr, "Inter", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_source_rgb(cr, 0.33, 0.33, 0.33);
    cairo_set_font_size(cr, 18);
    if (argc > 4)
        text_at(cr, argv[4], 36, 92, 0);
    cairo_set_font_size(cr, 13);
    if (argc > 5) {
        char src[512];
        snprintf(src, sizeof src, "Source: %s", argv[5]);
        text_at(cr, src, 36, H - 28, 0);
    }

    /* Plot area: 10 y ticks on a rounded-up maximum. */
    const double x0 = 100, x1 = W - 36, y0 = H - 92, y1 = 125;
    double step = pow(10, floor(log10(max))), top;
    while ((top = ceil(max / step) * step) / step < 5)
        step /= 2;
    double sy = (y0 - y1) / top;
    cairo_set_font_size(cr, 15);
    cairo_set_line_width(cr, 1);
    for (double v = 0; v <= top + step / 2; v += step) {
        double y = round(y0 - v * sy) + 0.5;
        char tick[32];
        snprintf(tick, sizeof tick, "%g", v);
        cairo_set_source_rgb(cr, 0.87, 0.87, 0.87);
        cairo_move_to(cr, x0, y);
        cairo_line_to(cr, x1, y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        text_at(cr, tick, x0 - 10, y + 5, 1);
    }

    /* Bars, value labels above, category labels below. */
    double slot = (x1 - x0) / n, bw = slot * 0.3;
    for (int i = 0; i < n; i++) {
        double cx = x0 + slot * (i + 0.5), h = bars[i].value * sy;
        cairo_set_source_rgb(cr, 0.0, 0.447, 0.698);
        cairo_rectangle(cr, cx - bw / 2, y0 - h, bw, h);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
        text_at(cr, bars[i].text, cx, y0 - h - 9, 0.5);
        text_at(cr, bars[i].label, cx, y0 + 26, 0.5);
    }
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_move_to(cr, x0, y0 + 0.5);
    cairo_line_to(cr, x1, y0 + 0.5);
    cairo_stroke(cr);

    cairo_destroy(cr);
    cairo_status_t st = cairo_surface_write_to_png(s, argv[2]);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "bare_cairo: %s: %s\n", argv[2], cairo_status_to_string(st));
        return 1;
    }
    return 0;
}
