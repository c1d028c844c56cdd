#ifndef SPOOR_CLIBXML2_SHIM_H
#define SPOOR_CLIBXML2_SHIM_H

/* libxml2 for Spoor's extractor: the forgiving HTML parser, the XML parser
(sitemaps) and XPath. Macros Swift cannot import get static inline wrappers. */

/* Distribution builds of libxml2 enable ICU, and then encoding.h includes the system's
<unicode/ucnv.h>, whose UErrorCode clashes with the copy inside Foundation (_FoundationICU)
in any module that imports both. Spoor never touches the ICU converter fields (the fetcher
hands libxml2 UTF-8), so the ICU part of the headers is switched off; the library is the same. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

/* xmlFree is a macro over a per-thread function pointer. */
static inline void spoor_xml_free(void *pointer) {
    if (pointer) xmlFree(pointer);
}

/* xmlXPathNodeSetGetLength and xmlXPathNodeSetItem are macros. */
static inline int spoor_nodeset_count(xmlNodeSetPtr set) {
    return xmlXPathNodeSetGetLength(set);
}

static inline xmlNodePtr spoor_nodeset_item(xmlNodeSetPtr set, int index) {
    return xmlXPathNodeSetItem(set, index);
}

/* A structured error handler that drops the message: libxml2 still records the
last error per thread (xmlGetLastError), but prints nothing to stderr. */
static void spoor_xml_ignore_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

/* Silences libxml2's error output on the calling thread (its handlers are per thread). */
static inline void spoor_xml_silence(void) {
    xmlSetStructuredErrorFunc(NULL, spoor_xml_ignore_error);
}

#endif
