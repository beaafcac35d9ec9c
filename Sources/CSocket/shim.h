#ifndef SAFETYKB_CSOCKET_SHIM_H
#define SAFETYKB_CSOCKET_SHIM_H

// Unix-domain socket calls whose C macros Swift cannot see: file descriptors passed with
// SCM_RIGHTS (CMSG_* are macros), the peer's user id and a peer's hang-up (struct ucred and
// POLLRDHUP need _GNU_SOURCE, which this module must not define: the system headers' types
// would then differ from the other modules'), the address of a socket path, the program's GNU
// build id (which a command and the server compare: both must be the same build), and
// `malloc_trim` (malloc.h is not in Swift's Glibc module). Header only: nothing to link.

#include <elf.h>
#include <errno.h>
#include <link.h>
#include <malloc.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <poll.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

/// The most descriptors one message carries.
#define SKB_MAX_FDS 4

/// Linux's POLLRDHUP (the peer shut its writing down), for the reason above.
#define SKB_POLLRDHUP 0x2000

/// Makes `address` for `path`; -1 (ENAMETOOLONG) when the path does not fit.
static inline int skb_unix_address(const char *path, struct sockaddr_un *address, socklen_t *length) {
  size_t n = strlen(path);
  if (n == 0 || n >= sizeof(address->sun_path)) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memset(address, 0, sizeof(*address));
  address->sun_family = AF_UNIX;
  memcpy(address->sun_path, path, n + 1);
  *length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
  return 0;
}

/// A stream socket bound to `path` and listening; -1 with errno on failure.
static inline int skb_listen_unix(const char *path, int backlog) {
  struct sockaddr_un address;
  socklen_t length;
  if (skb_unix_address(path, &address, &length) != 0) return -1;
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (bind(fd, (struct sockaddr *)&address, length) != 0 || listen(fd, backlog) != 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

/// A stream socket connected to `path`; -1 with errno on failure.
static inline int skb_connect_unix(const char *path) {
  struct sockaddr_un address;
  socklen_t length;
  if (skb_unix_address(path, &address, &length) != 0) return -1;
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  while (connect(fd, (struct sockaddr *)&address, length) != 0) {
    if (errno == EINTR) continue;
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

/// A connection accepted on a listening socket, close-on-exec; -1 with errno.
static inline int skb_accept(int listening_fd) {
  int fd;
  do {
    fd = accept(listening_fd, NULL, NULL);
  } while (fd < 0 && errno == EINTR);
  if (fd >= 0) fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
}

/// Sends `length` bytes (at least one) with `count` descriptors attached to the first;
/// the bytes sent, or -1 with errno.
static inline ssize_t skb_send_with_fds(int socket_fd, const void *bytes, size_t length,
                                        const int *fds, int count) {
  if (count < 0 || count > SKB_MAX_FDS || length == 0) {
    errno = EINVAL;
    return -1;
  }
  union {
    struct cmsghdr header;
    char space[CMSG_SPACE(sizeof(int) * SKB_MAX_FDS)];
  } control;
  memset(&control, 0, sizeof(control));
  struct iovec vector = {.iov_base = (void *)bytes, .iov_len = length};
  struct msghdr message;
  memset(&message, 0, sizeof(message));
  message.msg_iov = &vector;
  message.msg_iovlen = 1;
  if (count > 0) {
    message.msg_control = control.space;
    message.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)count);
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)count);
    memcpy(CMSG_DATA(header), fds, sizeof(int) * (size_t)count);
  }
  ssize_t sent;
  do {
    sent = sendmsg(socket_fd, &message, MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  return sent;
}

/// Receives up to `length` bytes, and the descriptors that came with them (at most `capacity`,
/// close-on-exec; any beyond are closed). The bytes received (0 at the end), or -1 with errno.
static inline ssize_t skb_receive_with_fds(int socket_fd, void *bytes, size_t length, int *fds,
                                           int capacity, int *count) {
  union {
    struct cmsghdr header;
    char space[CMSG_SPACE(sizeof(int) * SKB_MAX_FDS)];
  } control;
  struct iovec vector = {.iov_base = bytes, .iov_len = length};
  struct msghdr message;
  memset(&message, 0, sizeof(message));
  message.msg_iov = &vector;
  message.msg_iovlen = 1;
  message.msg_control = control.space;
  message.msg_controllen = sizeof(control.space);
  *count = 0;
  ssize_t received;
  do {
    received = recvmsg(socket_fd, &message, MSG_CMSG_CLOEXEC);
  } while (received < 0 && errno == EINTR);
  if (received < 0) return -1;
  for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header != NULL;
       header = CMSG_NXTHDR(&message, header)) {
    if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) continue;
    size_t n = (header->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    int *passed = (int *)CMSG_DATA(header);
    for (size_t i = 0; i < n; i++) {
      int fd;
      memcpy(&fd, passed + i, sizeof(int));
      if (*count < capacity) {
        fds[(*count)++] = fd;
      } else {
        close(fd);
      }
    }
  }
  if (message.msg_flags & MSG_CTRUNC) {
    // Descriptors were dropped by the kernel: the message cannot be trusted whole.
    for (int i = 0; i < *count; i++) close(fds[i]);
    *count = 0;
    errno = EMSGSIZE;
    return -1;
  }
  return received;
}

/// Linux's `struct ucred` (SO_PEERCRED), declared here for the reason above.
struct skb_ucred {
  pid_t pid;
  uid_t uid;
  gid_t gid;
};

/// The user id of the process at the other end of a connected Unix socket; -1 on failure.
static inline long skb_peer_uid(int socket_fd) {
  struct skb_ucred credentials;
  socklen_t length = sizeof(credentials);
  if (getsockopt(socket_fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0) return -1;
  return (long)credentials.uid;
}

/// Whether the other end of a connected socket has closed it, shut its writing down, or sent
/// something (POLLIN, POLLRDHUP, POLLHUP). Does not wait.
static inline int skb_peer_stirred(int socket_fd) {
  struct pollfd waiting = {.fd = socket_fd, .events = POLLIN | SKB_POLLRDHUP};
  int ready;
  do {
    ready = poll(&waiting, 1, 0);
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

/// The running program's GNU build id (a hash the linker writes of what it linked), copied into
/// `out`; its length, 0 when the program has none. The program's headers are found through the
/// auxiliary vector (`dl_iterate_phdr`'s types need _GNU_SOURCE); its load address is where its
/// headers lie less where PT_PHDR says they lie.
static inline int skb_program_build_id(unsigned char *out, int capacity) {
  const ElfW(Phdr) *headers = (const ElfW(Phdr) *)getauxval(AT_PHDR);
  unsigned long count = getauxval(AT_PHNUM);
  if (headers == NULL || count == 0) return 0;
  uintptr_t base = 0;
  for (unsigned long i = 0; i < count; i++) {
    if (headers[i].p_type == PT_PHDR) base = (uintptr_t)headers - headers[i].p_vaddr;
  }
  for (unsigned long i = 0; i < count; i++) {
    if (headers[i].p_type != PT_NOTE) continue;
    const char *p = (const char *)(base + headers[i].p_vaddr);
    const char *end = p + headers[i].p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const ElfW(Nhdr) *note = (const ElfW(Nhdr) *)p;
      const char *name = p + sizeof(ElfW(Nhdr));
      const char *description = name + ((note->n_namesz + 3u) & ~3u);
      const char *next = description + ((note->n_descsz + 3u) & ~3u);
      if (next > end) break;
      if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
        int n = (int)note->n_descsz < capacity ? (int)note->n_descsz : capacity;
        memcpy(out, description, (size_t)n);
        return n;
      }
      p = next;
    }
  }
  return 0;
}

/// Gives memory freed by a large answer back to the system (glibc keeps it otherwise).
static inline void skb_trim_memory(void) { malloc_trim(0); }

#endif
