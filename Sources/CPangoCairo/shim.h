#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <glib-object.h>
#include <pango/pangocairo.h>

/* Pango attributes apply to a byte range that is set by writing two struct fields after
   creation; one call keeps that and the hand-over to the list (which takes ownership) together. */
static inline void CPangoCairo_insertAttribute(PangoAttrList *list, PangoAttribute *attribute, guint start, guint end) {
    attribute->start_index = start;
    attribute->end_index = end;
    pango_attr_list_insert(list, attribute);
}

/* CAIRO_TAG_LINK is a string macro; a function gives Swift the value without relying on
   macro import. */
static inline const char *CPangoCairo_linkTag(void) { return CAIRO_TAG_LINK; }
#endif
