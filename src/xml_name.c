/*
 * xml_name.c - XML names (see xml_name.h), for the options that become SVG ids.
 *
 * The ranges are those of the XML 1.0 productions NameStartChar and NameChar (fifth edition,
 * section 2.3), less ':' (Namespaces in XML, NCName).
 */
#include "xml_name.h"
#include "utf8.h"

#include <stdint.h>

#include "text.h"

static bool name_start(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
           (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) ||
           (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) ||
           (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) ||
           (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
           (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0xEFFFF);
}

static bool name_char(uint32_t c)
{
    return name_start(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

bool csvchart_xml_is_ncname(const char *s, size_t len)
{
    if (len == 0) {
        return false;
    }
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k = csvchart_utf8_decode(s + i, len - i, &c);
        if ((k == 1 && (unsigned char)s[i] >= 0x80) || !(i == 0 ? name_start(c) : name_char(c))) {
            return false; // not UTF-8, or not a name character here
        }
        i += k;
    }
    return true;
}
