#ifndef MVR_LIBC_MATH_H
#define MVR_LIBC_MATH_H
/* Classification only: pow and fmod come from the port layer (mvp_math.c). */
#define isnan(x) __builtin_isnan(x)
#define isfinite(x) __builtin_isfinite(x)
#define isinf(x) __builtin_isinf(x)
#define signbit(x) __builtin_signbit(x)
#define INFINITY __builtin_inf()
#define NAN __builtin_nan("")
#define HUGE_VAL __builtin_huge_val()
#endif
