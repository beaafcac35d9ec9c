#ifndef SAFETYKB_CUTF8PROC_SHIM_H
#define SAFETYKB_CUTF8PROC_SHIM_H
#include <utf8proc.h>
#endif
