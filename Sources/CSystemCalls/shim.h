#ifndef SAFETYKB_CSYSTEMCALLS_SHIM_H
#define SAFETYKB_CSYSTEMCALLS_SHIM_H

// System calls that Swift's Glibc module does not declare. `preadv2` is declared by glibc only
// under _GNU_SOURCE, which this module must not define (the system headers' types would then
// differ from the other modules'), so it is called by number. Header only: nothing to link.

#include <stddef.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

/// RWF_NOWAIT (linux/fs.h): fail with EAGAIN rather than wait for the disk.
#define SAFETYKB_RWF_NOWAIT 0x00000008

/// Reads up to `count` bytes from the start of `fd` only if they are in the page cache: the
/// number read (0 at the end of the file), or -1 with errno EAGAIN when reading them would
/// wait for the disk (or another errno, such as ESPIPE for a pipe).
static inline long safetykb_read_cached(int fd, void *buffer, size_t count) {
  struct iovec v = {buffer, count};
  return syscall(SYS_preadv2, fd, &v, 1, 0L, 0L, SAFETYKB_RWF_NOWAIT);
}

#endif
