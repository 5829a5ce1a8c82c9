#ifndef CGRAPHVIZ_SHIM_H
#define CGRAPHVIZ_SHIM_H
#include <gvc.h>
#include <stdlib.h>

/* gvRenderData's length parameter is `unsigned int *` in Graphviz 2.x (Debian 12) and `size_t *`
   in later releases; this wrapper gives the Swift side one fixed signature. */
static inline int CGraphviz_renderData(GVC_t *gvc, Agraph_t *g, const char *format, char **result, size_t *length) {
    unsigned int len = 0;
    int rc = gvRenderData(gvc, g, format, result, &len);
    *length = len;
    return rc;
}

/* Graphviz prints parse errors to stderr unless told otherwise; aglasterr() keeps the text. */
static inline void CGraphviz_silenceErrors(void) { agseterr(AGMAX); }
/* cgraph 2.4x takes `char *` for attribute names and values it does not modify. */
static inline const char *CGraphviz_getAttribute(void *object, const char *name) { return agget(object, (char *)name); }
static inline int CGraphviz_setAttribute(void *object, const char *name, const char *value) {
    return agsafeset(object, (char *)name, (char *)value, (char *)"");
}
#endif
