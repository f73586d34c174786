/*
 * xml_name.h - XML names (xml_name.c): what an SVG id, and so the id_prefix option, may be.
 */
#ifndef CSVCHART_XML_NAME_H
#define CSVCHART_XML_NAME_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True when s[0 .. len) is an NCName of XML 1.0 (fifth edition) and Namespaces: not empty, a
 * NameStartChar other than ':' first (a letter, '_', or most non-ASCII characters), then
 * NameChars ('-', '.', digits too), valid UTF-8 throughout. Ids, and references to them
 * (aria-describedby, url(#id)), must be such names.
 */
bool csvchart_xml_is_ncname(const char *s, size_t len);

#endif
