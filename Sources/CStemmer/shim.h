#ifndef SAFETYKB_CSTEMMER_SHIM_H
#define SAFETYKB_CSTEMMER_SHIM_H
#include <libstemmer.h>
#endif
