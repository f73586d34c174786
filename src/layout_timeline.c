/*
 * layout_timeline.c - timelines. PLACEHOLDER: being written.
 */
#include "layout.h"
#include "timeline_data.h"

csvchart_status csvchart_layout_timeline(const struct timeline_data *d, const struct spec *s,
                                         const csvchart_text_measurer *m,
                                         struct csvchart_scene *scene,
                                         struct csvchart_warnings *warn, csvchart_error *err)
{
    (void)d;
    (void)m;
    (void)warn;
    csvchart_scene_init(scene, s->width, s->height, s->theme.background, s->font);
    return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                              "timelines are not implemented yet");
}
