#ifndef SPOOR_CLIBXML2_SHIM_H
#define SPOOR_CLIBXML2_SHIM_H

/* libxml2 for Spoor's extractor: the forgiving HTML parser, the XML parser
(sitemaps) and XPath. Macros Swift cannot import get static inline wrappers. */

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#endif
