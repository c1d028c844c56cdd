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
#include <libxml/parserInternals.h>
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

/* Gives the memory of a freed document back to the system: a big tree is tens of megabytes of
small blocks that glibc otherwise keeps in the arena of the thread that parsed it. */
#if defined(__GLIBC__)
#include <malloc.h>
static inline void spoor_xml_release_free_memory(void) {
    malloc_trim(0);
}

/* Sets glibc's allocator up for a crawling process, whose threads (the fetcher's, the parsing
ones) allocate and free buffers of megabytes and trees of millions of small blocks: at most two
arenas (each arena keeps its own high-water mark) and fixed mmap and trim thresholds of 1 MiB
(glibc otherwise raises them after each big free, up to 32 MiB kept per arena). */
static inline void spoor_malloc_tune_for_crawling(void) {
    mallopt(M_ARENA_MAX, 2);
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 20);
}
#else
static inline void spoor_xml_release_free_memory(void) {}
static inline void spoor_malloc_tune_for_crawling(void) {}
#endif

#endif
