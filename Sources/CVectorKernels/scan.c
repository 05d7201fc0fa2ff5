#include "CVectorKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static void scan_portable(const int8_t *codes, const float *scales, size_t count, size_t dims,
                          const int16_t *query, float *scores) {
    for (size_t i = 0; i < count; i++) {
        const int8_t *vector = codes + i * dims;
        int32_t sum = 0;
        for (size_t j = 0; j < dims; j++) sum += (int32_t)vector[j] * query[j];
        scores[i] = (float)sum * scales[i];
    }
}

#if defined(__x86_64__)
/// Sixteen values at a time: int8 widened to int16, multiplied pairwise and summed into int32 lanes
/// (`vpmaddwd`); 127 × 127 × dims cannot overflow an int32 lane for any embedding size in use.
__attribute__((target("avx2")))
static void scan_avx2(const int8_t *codes, const float *scales, size_t count, size_t dims,
                      const int16_t *query, float *scores) {
    size_t blocks = dims / 16;
    for (size_t i = 0; i < count; i++) {
        const int8_t *vector = codes + i * dims;
        __m256i sum = _mm256_setzero_si256();
        for (size_t b = 0; b < blocks; b++) {
            __m256i x = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(vector + b * 16)));
            __m256i q = _mm256_loadu_si256((const __m256i *)(query + b * 16));
            sum = _mm256_add_epi32(sum, _mm256_madd_epi16(x, q));
        }
        __m128i half = _mm_add_epi32(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
        half = _mm_add_epi32(half, _mm_shuffle_epi32(half, _MM_SHUFFLE(1, 0, 3, 2)));
        half = _mm_add_epi32(half, _mm_shuffle_epi32(half, _MM_SHUFFLE(2, 3, 0, 1)));
        int32_t total = _mm_cvtsi128_si32(half);
        for (size_t j = blocks * 16; j < dims; j++) total += (int32_t)vector[j] * query[j];
        scores[i] = (float)total * scales[i];
    }
}
#endif

void outputhub_scan_int8(const int8_t *codes, const float *scales, size_t count, size_t dims,
                         const int16_t *query, float *scores) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) {
        scan_avx2(codes, scales, count, dims, query, scores);
        return;
    }
#endif
    scan_portable(codes, scales, count, dims, query, scores);
}
