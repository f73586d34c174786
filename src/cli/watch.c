/* placeholder */
#include "batch.h"
int csvchart_cli_watch(const struct render_args *a)
{
    return csvchart_cli_render(a);
}
