/*
 * figure.c - csvchart_figure, the public handle that runs the pipeline (see csvchart.h).
 *
 *   csvchart_set()        -> option values (text + where set), checked by options.c
 *   (load or render)      -> spec (spec.c), bound once and kept until an option is set
 *   csvchart_figure_load  -> table (the reader, table_csv.c, through the aggregator that the
 *                            spec's fold plan asks for, aggregate.h, into the builder)
 *   write / render        -> bound data (bar_data.c ...) -> scene (layout_*.c)
 *                            -> bytes (render.c) -> file (atomic write, figure_output.c)
 * The scene is computed once and reused by every output of the figure; setting an option or
 * loading data drops it. A table folded while it was read serves only a spec that folds it
 * alike (csvchart_agg_rows_folded_by()), and any table only the syntax it was read in: after
 * changing those options the data must be loaded again.
 */
#include "figure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "array.h"
#include "bar_data.h"
#include "cores.h"
#include "error.h"
#include "figure_output.h"
#include "layout.h"
#include "layout_trend.h"
#include "options.h"
#include "render.h"
#include "spec.h"
#include "table.h"
#include "text_check.h"
#include "timeline_data.h"
#include "trend_data.h"

struct csvchart_figure {
    unsigned kind;
    struct option_values vals;
    struct spec spec; /* vals, typed, when spec_bound */
    bool spec_bound;
    csvchart_table *table;
    struct agg_rows *folded; /* the numbers folded into the table while it was read, or NULL */
    struct csvchart_warnings warnings;
    size_t load_warnings; /* warnings[0..load_warnings) came from loading */
    struct csvchart_scene scene;
    bool laid_out;
    csvchart_text_measurer *pango;          /* owned, created on first layout */
    const csvchart_text_measurer *measurer; /* borrowed override, or NULL */
};

csvchart_figure *csvchart_figure_new(const char *kind, csvchart_error *err)
{
    if (!kind) {
        csvchart_error_null(err, __func__, "kind");
        return NULL;
    }
    unsigned k = csvchart_kind_lookup(kind);
    if (!k) {
        csvchart_error_set(err, CSVCHART_ERROR_UNKNOWN_OPTION, NULL, 0, 0,
                           "unknown figure kind \"%s\"; expected bar, timeline or trend",
                           kind ? kind : "");
        return NULL;
    }
    csvchart_figure *fig = calloc(1, sizeof *fig);
    if (!fig) {
        csvchart_error_nomem(err);
        return NULL;
    }
    fig->kind = k;
    return fig;
}

static void drop_layout(csvchart_figure *fig)
{
    if (fig->laid_out) {
        csvchart_scene_fini(&fig->scene);
        fig->laid_out = false;
    }
    /* layout warnings go with the layout */
    while (fig->warnings.len > fig->load_warnings) {
        free(fig->warnings.items[--fig->warnings.len]);
    }
}

/* The options as a typed spec, bound once (spec.h). */
static csvchart_status bind_spec(csvchart_figure *fig, csvchart_error *err)
{
    if (fig->spec_bound) {
        return CSVCHART_OK;
    }
    csvchart_status st = csvchart_spec_bind(&fig->vals, fig->kind, &fig->spec, err);
    fig->spec_bound = st == CSVCHART_OK;
    return st;
}

static void drop_spec(csvchart_figure *fig)
{
    if (fig->spec_bound) {
        csvchart_spec_fini(&fig->spec);
        fig->spec_bound = false;
    }
}

void csvchart_figure_free(csvchart_figure *fig)
{
    if (!fig) {
        return;
    }
    drop_layout(fig);
    drop_spec(fig);
    csvchart_option_values_fini(&fig->vals);
    csvchart_table_free(fig->table);
    csvchart_agg_rows_free(fig->folded);
    csvchart_warnings_fini(&fig->warnings);
    csvchart_text_pango_free(fig->pango);
    free(fig);
}

void csvchart_figure_set_measurer(csvchart_figure *fig, const csvchart_text_measurer *m)
{
    drop_layout(fig);
    fig->measurer = m;
}

csvchart_status csvchart_set_at(csvchart_figure *fig, const char *name, const char *value,
                                const char *file, size_t line, csvchart_error *err)
{
    NEED(fig, "fig");
    NEED(name, "name");
    NEED(value, "value");
    enum option_id id = csvchart_option_lookup(name);
    if (id == OPT_COUNT || !(csvchart_option_def(id)->kinds & fig->kind)) {
        const char *hint = csvchart_option_suggest_in(name, fig->kind);
        if (id != OPT_COUNT) {
            return csvchart_error_set(err, CSVCHART_ERROR_UNKNOWN_OPTION, file, line, 0,
                                      "option \"%s\" does not apply to %s; it is for %s", name,
                                      csvchart_kinds_text(fig->kind),
                                      csvchart_kinds_text(csvchart_option_def(id)->kinds));
        }
        if (hint) {
            return csvchart_error_set(err, CSVCHART_ERROR_UNKNOWN_OPTION, file, line, 0,
                                      "unknown option \"%s\"; did you mean \"%s\"?", name, hint);
        }
        const char *other = csvchart_option_suggest(name); // the spelling of another kind's
        if (other) {
            return csvchart_error_set(
                err, CSVCHART_ERROR_UNKNOWN_OPTION, file, line, 0,
                "unknown option \"%s\" (\"%s\" is for %s)", name, other,
                csvchart_kinds_text(csvchart_option_def(csvchart_option_lookup(other))->kinds));
        }
        return csvchart_error_set(err, CSVCHART_ERROR_UNKNOWN_OPTION, file, line, 0,
                                  "unknown option \"%s\"", name);
    }
    csvchart_status st = csvchart_option_check(id, value, file, line, err);
    if (!st) {
        st = csvchart_option_check_kind(id, fig->kind, value, file, line, err);
    }
    if (st) {
        return st;
    }
    drop_layout(fig);
    drop_spec(fig); // it borrows the text about to be replaced
    return csvchart_option_values_set(&fig->vals, id, value, file, line, err);
}

csvchart_status csvchart_set(csvchart_figure *fig, const char *name, const char *value,
                             csvchart_error *err)
{
    return csvchart_set_at(fig, name, value, NULL, 0, err);
}

/* The syntax a spec reads its data in; false for the default one. */
static bool spec_syntax(const struct spec *s, struct table_syntax *syn)
{
    memset(syn, 0, sizeof *syn);
    syn->numbers = s->numbers;
    syn->dates = s->dates;
    return s->numbers.decimal || s->dates.order != DATE_ORDER_NONE || s->locale;
}

/* Whether a table was read the way the spec says its data is written. */
static bool same_reading(const csvchart_table *t, const struct spec *s)
{
    struct table_syntax syn;
    bool has = spec_syntax(s, &syn);
    if (has != t->has_syntax) {
        return false;
    }
    if (!has) {
        return true;
    }
    const struct csvchart_locale *a = t->syntax.dates.loc, *b = s->dates.loc;
    return t->syntax.numbers.decimal == syn.numbers.decimal &&
           t->syntax.dates.order == syn.dates.order && t->syntax.dates.sep == syn.dates.sep &&
           (!a) == (!b) && (!a || strcmp(a->name, b->name) == 0);
}

static void loaded(csvchart_figure *fig, csvchart_table *t, struct agg_rows *folded)
{
    drop_layout(fig);
    csvchart_table_free(fig->table);
    csvchart_agg_rows_free(fig->folded);
    csvchart_warnings_fini(&fig->warnings);
    fig->load_warnings = 0;
    fig->table = t;
    fig->folded = folded;
}

/* Reads from a file (path) or a buffer (path NULL), as the spec says: its limits, its syntax
 * and what to fold while reading. */
static csvchart_status load(csvchart_figure *fig, const char *path, const char *name,
                            const void *data, size_t len, csvchart_error *err)
{
    csvchart_status st = bind_spec(fig, err);
    if (st) {
        return st;
    }
    const struct spec *s = &fig->spec;
    struct table_syntax syn;
    struct table_options o = {
        .delimiter = s->delimiter,
        .max_field_bytes = s->max_field_bytes,
        .max_columns = s->max_columns,
        .max_rows = s->max_rows,
        .encoding = s->encoding,
        .syntax = spec_syntax(s, &syn) ? &syn : NULL,
    };
    struct fold_plan plan;
    csvchart_fold_plan(s, &plan);
    csvchart_table *t;
    struct agg_rows *folded;
    st = csvchart_aggregate_read(path, name, data, len, &o, &plan, &t, &folded, err);
    if (st == CSVCHART_OK) {
        loaded(fig, t, folded);
    }
    return st;
}

csvchart_status csvchart_figure_load_file(csvchart_figure *fig, const char *path,
                                          csvchart_error *err)
{
    NEED(fig, "fig");
    NEED(path, "path");
    return load(fig, path, NULL, NULL, 0, err);
}

csvchart_status csvchart_figure_load_buffer(csvchart_figure *fig, const char *name,
                                            const void *data, size_t len, csvchart_error *err)
{
    NEED(fig, "fig");
    NEED(data || len == 0, "data");
    return load(fig, NULL, name ? name : "<buffer>", data ? data : "", len, err);
}

size_t csvchart_figure_warning_count(const csvchart_figure *fig)
{
    return fig ? fig->warnings.len : 0;
}

const char *csvchart_figure_warning(const csvchart_figure *fig, size_t i)
{
    return fig && i < fig->warnings.len ? fig->warnings.items[i] : NULL;
}

const struct csvchart_scene *csvchart_figure_scene(csvchart_figure *fig, csvchart_error *err)
{
    if (fig->laid_out) {
        return &fig->scene;
    }
    if (!fig->table) {
        csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0, "no data loaded");
        return NULL;
    }
    const csvchart_text_measurer *m = fig->measurer;
    if (!m) {
        if (!fig->pango && !(fig->pango = csvchart_text_pango_new())) {
            csvchart_error_nomem(err);
            return NULL;
        }
        m = fig->pango;
    }
    csvchart_status st = bind_spec(fig, err);
    if (st) {
        return NULL;
    }
    struct fold_plan plan;
    csvchart_fold_plan(&fig->spec, &plan);
    if (fig->folded && !csvchart_agg_rows_folded_by(fig->folded, &plan)) {
        csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                           "the data was aggregated while it was loaded; after changing x, "
                           "y, group, facet, log, low, high or aggregate, load it again");
        return NULL;
    }
    if (!same_reading(fig->table, &fig->spec)) {
        csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                           "the data was read before decimal, date_format or locale were set as "
                           "they are now; after changing them, load it again");
        return NULL;
    }
    /* Bind, then lay out at the requested size (or find the size that fits: layout.h). The
     * figure is busy meanwhile: its measurer may shape on a second thread only when a core is
     * spare (cores.h). */
    csvchart_cores_busy(1);
    if (fig->kind == KIND_TREND) {
        struct trend_data d;
        st = csvchart_trend_bind(fig->table, &fig->spec, &d, &fig->warnings, err);
        if (st == CSVCHART_OK) {
            st = csvchart_layout_fit(csvchart_layout_trend, &d, &fig->spec, m, &fig->scene,
                                     &fig->warnings, err);
            csvchart_trend_fini(&d);
        }
    } else if (fig->kind == KIND_TIMELINE) {
        struct timeline_data d;
        st = csvchart_timeline_bind(fig->table, &fig->spec, &d, &fig->warnings, err);
        if (st == CSVCHART_OK) {
            st = csvchart_layout_fit(csvchart_layout_timeline, &d, &fig->spec, m, &fig->scene,
                                     &fig->warnings, err);
            csvchart_timeline_fini(&d);
        }
    } else {
        struct bar_chart chart;
        st = csvchart_bar_chart_bind(fig->table, fig->folded, &fig->spec, &chart, &fig->warnings,
                                     err);
        if (st == CSVCHART_OK) {
            st = csvchart_layout_fit(csvchart_layout_bar, &chart, &fig->spec, m, &fig->scene,
                                     &fig->warnings, err);
            csvchart_bar_chart_fini(&chart);
        }
    }
    csvchart_cores_busy(-1);
    if (st == CSVCHART_OK) { /* what the fonts cannot draw: warnings (font_missing: errors) */
        st = csvchart_text_check(m, &fig->scene, &fig->vals, &fig->spec, fig->table, &fig->warnings,
                                 err);
        if (st) {
            csvchart_scene_fini(&fig->scene);
        }
    }
    if (st) {
        return NULL;
    }
    csvchart_scene_set_alt(&fig->scene, fig->spec.alt);
    fig->laid_out = true;
    return &fig->scene;
}

static csvchart_status render(csvchart_figure *fig, csvchart_format format, double scale,
                              void **data, size_t *len, csvchart_error *err);

csvchart_status csvchart_figure_render_for(csvchart_figure *fig, const char *path,
                                           csvchart_format format, void **data, size_t *len,
                                           csvchart_error *err)
{
    NEED(data, "data");
    NEED(len, "len");
    *data = NULL;
    *len = 0;
    NEED(fig, "fig");
    csvchart_format named = path ? csvchart_format_from_path(path) : CSVCHART_FORMAT_AUTO;
    if (format == CSVCHART_FORMAT_AUTO) {
        format = named;
    } else if (named != CSVCHART_FORMAT_AUTO && named != format) {
        return csvchart_output_format_clash(path, format, err);
    }
    double scale = path ? csvchart_scale_from_path(path) : 0;
    if (scale < 0) {
        return csvchart_output_scale_error(path, err);
    }
    return render(fig, format, scale, data, len, err);
}

csvchart_status csvchart_figure_render(csvchart_figure *fig, csvchart_format format, void **data,
                                       size_t *len, csvchart_error *err)
{
    NEED(data, "data");
    NEED(len, "len");
    *data = NULL;
    *len = 0;
    NEED(fig, "fig");
    return render(fig, format, 0, data, len, err);
}

static csvchart_status render(csvchart_figure *fig, csvchart_format format, double scale,
                              void **data, size_t *len, csvchart_error *err)
{
    *data = NULL;
    *len = 0;
    if (format == CSVCHART_FORMAT_AUTO) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "no output format given; expected png, svg, pdf, scene or txt");
    }
    const struct csvchart_scene *s = csvchart_figure_scene(fig, err);
    if (!s) {
        return err ? err->status : CSVCHART_ERROR_DATA;
    }
    struct render_options opt = fig->spec.render;
    opt.text = fig->measurer ? fig->measurer : fig->pango;
    if (scale > 0 && format == CSVCHART_FORMAT_PNG && fig->vals.v[OPT_SCALE].text &&
        fig->spec.render.scale != scale) { /* review 10: "@2x" won over scale = 3, silently */
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "the output's name asks for scale %g (@%gx) and scale is %g: "
                                  "drop one",
                                  scale, scale, fig->spec.render.scale);
    }
    if (scale > 0 && format == CSVCHART_FORMAT_PNG) {
        /* "@2x": more pixels, the same physical size unless dpi was set; a printed size with
         * a dpi keeps its physical size: twice the pixels at twice the dpi */
        bool dpi_set = fig->vals.v[OPT_DPI].text != NULL;
        if (fig->spec.physical_size && dpi_set) {
            opt.dpi *= scale;
            opt.scale *= scale;
        } else {
            opt.dpi = dpi_set ? opt.dpi : 96.0 * scale;
            opt.scale = scale;
        }
    }
    return csvchart_render(s, format, &opt, data, len, err);
}

csvchart_status csvchart_figure_write(csvchart_figure *fig, const char *path,
                                      csvchart_format format, csvchart_error *err)
{
    NEED(fig, "fig");
    NEED(path, "path");
    if (format == CSVCHART_FORMAT_AUTO) {
        format = csvchart_format_from_path(path);
        if (format == CSVCHART_FORMAT_AUTO) {
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, path, 0, 0,
                                      "unknown output format; expected a name ending in .png, "
                                      ".svg, .pdf, .scene or .txt");
        }
    }
    void *data;
    size_t len;
    csvchart_status st = csvchart_figure_render_for(fig, path, format, &data, &len, err);
    if (st) {
        return st;
    }
    st = csvchart_write_file(path, data, len, err);
    free(data);
    return st;
}
