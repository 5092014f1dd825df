/* guide.h — the service guide (服务指南, 一次告知) of a matter version, built from its items with
 * the national guide elements (GB/T 39046 table 4; domain-facts §8): name and code, basis,
 * conditions, materials merged so that each is listed once with its flags, procedure, time limit,
 * fees, place and hours, channels, contact and complaint phones, results. Pure. */
#ifndef YICI_GUIDE_H
#define YICI_GUIDE_H

#include "catalog.h"

#include <jansson.h>

/* A new JSON guide (caller owns the reference). items[i] belongs to m->items[i]; none is NULL. */
json_t *yc_guide_build(const struct yc_matter *m, int64_t version,
                       const struct yc_item *const *items);

/* The merged material list alone (used by the guide and by the matter page). */
json_t *yc_guide_materials(const struct yc_matter *m, const struct yc_item *const *items);

#endif
