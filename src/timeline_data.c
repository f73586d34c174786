/*
 * timeline_data.c - binding a table to a timeline (see timeline_data.h). PLACEHOLDER: being
 * written; refuses every table.
 */
#include "timeline_data.h"

#include <string.h>

csvchart_status csvchart_timeline_bind(const csvchart_table *t, const struct spec *s,
                                       struct timeline_data *out,
                                       struct csvchart_warnings *warn, csvchart_error *err)
{
    (void)s;
    (void)warn;
    memset(out, 0, sizeof *out);
    return csvchart_error_set(err, CSVCHART_ERROR_VALUE, t->name, 0, 0,
                              "timelines are not implemented yet");
}

void csvchart_timeline_fini(struct timeline_data *d)
{
    memset(d, 0, sizeof *d);
}
