#ifndef OUTPUTHUB_CVECTOR_KERNELS_H
#define OUTPUTHUB_CVECTOR_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Approximate similarities of `count` int8-quantised vectors of `dims` values each (`codes`, back to
/// back) to a query quantised to `query` (one int16 per dimension, each within ±127):
/// `scores[i] = (codes[i] · query) × scales[i]`. Exact integer dot products; AVX2 where the processor
/// has it (chosen at run time), plain C elsewhere.
///
/// In C because Swift's SIMD types widen `Int8` lanes through slow generic code on x86-64's baseline,
/// while this loop is a handful of instructions per 16 values.
void outputhub_scan_int8(const int8_t *codes, const float *scales, size_t count, size_t dims,
                         const int16_t *query, float *scores);

#endif
