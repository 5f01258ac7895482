/* casedesk — a console's link to the relay of its host. */
#include "casedesk/relaylink.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* A whole number in 1..3600 at *s, or -1. */
static int small_number(const char *s, const char **end)
{
    char *e;
    long v = strtol(s, &e, 10);
    *end = e;
    return e == s || v < 1 || v > 3600 ? -1 : (int)v;
}

struct relay_line relaylink_parse(const char *line)
{
    struct relay_line ln = {RELAY_JUNK, 0, 0, NULL};
    const char *p;

    if (strncmp(line, "n ", 2) == 0 && line[2]) {
        ln.kind = RELAY_NOTIFY;
        ln.payload = line + 2;
    } else if (strcmp(line, "tick 0") == 0 || strcmp(line, "tick 1") == 0) {
        ln.kind = RELAY_TICK;
        ln.sweeping = line[5] == '1';
    } else if (strncmp(line, "hello ", 6) == 0 && atoi(line + 6) == RELAY_PROTOCOL) {
        p = line + 6 + strspn(line + 6, "0123456789");
        if (*p == ' ' && (ln.period = small_number(p + 1, &p)) > 0 &&
            (strcmp(p, " 0") == 0 || strcmp(p, " 1") == 0)) {
            ln.kind = RELAY_HELLO;
            ln.sweeping = p[1] == '1';
        }
    }
    return ln;
}

/* --- watching ----------------------------------------------------------------- */

static int place_text(int64_t id, char *buf, size_t n)
{
    return id >= 0 ? snprintf(buf, n, "%lld", (long long)id) : snprintf(buf, n, "-");
}

int relaylink_watch_line(const struct change_scope *scope, int64_t kase, int64_t item,
                         char *buf, size_t n)
{
    char k[24], i[24];
    size_t len;

    place_text(kase, k, sizeof k);
    place_text(item, i, sizeof i);
    len = (size_t)snprintf(buf, n, "watch %s %s", k, i);
    if (!scope->limited && len < n)
        len += (size_t)snprintf(buf + len, n - len, " *");
    for (int d = 0; scope->limited && d < scope->n && len < n; d++)
        len += (size_t)snprintf(buf + len, n - len, " %lld", (long long)scope->depts[d]);
    if (len + 1 >= n)
        return -1;
    buf[len++] = '\n';
    buf[len] = '\0';
    return (int)len;
}

/* A place of a watch line ("-" or a number) at *s, and the space after
 * it; -2 when it is neither. */
static int64_t watch_place(const char *s, const char **rest)
{
    char *end;
    long long v;

    if (s[0] == '-' && s[1] == ' ') {
        *rest = s + 2;
        return -1;
    }
    if (*s < '0' || *s > '9')
        return -2;
    v = strtoll(s, &end, 10);
    if (*end != ' ')
        return -2;
    *rest = end + 1;
    return v;
}

int relaylink_watch_parse(const char *line, struct relay_watch *w)
{
    const char *p;
    int64_t kase, item;
    struct change_scope scope;

    if (strncmp(line, "watch ", 6) != 0 || (kase = watch_place(line + 6, &p)) < -1 ||
        (item = watch_place(p, &p)) < -1)
        return -1;
    /* A list that does not read is every department: hearing too much is
     * safe, too little is not. */
    changes_scope_set(&scope, strcmp(p, "*") == 0 ? NULL : p);
    w->said = 1;
    w->kase = kase;
    w->item = item;
    w->scope = scope;
    return 0;
}

int relaylink_watch_passes(const struct relay_watch *w, const char *payload)
{
    struct change_hint h;

    if (!w->said || !changes_place(payload, &h) || h.dept < 0)
        return 1;
    return changes_scope_has(&w->scope, h.dept) || (w->kase >= 0 && h.kase == w->kase) ||
           (w->item >= 0 && h.item == w->item);
}

/* --- the link ------------------------------------------------------------------ */

void relaylink_init(struct relaylink *l)
{
    memset(l, 0, sizeof *l);
    l->fd = -1;
}

int relaylink_open(struct relaylink *l, const char *path)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    int fd;

    relaylink_close(l);
    if (strlen(path) >= sizeof sa.sun_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    /* A local socket connects at once or not at all (EAGAIN: the relay's
     * backlog is full; it is tried again later). */
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    l->fd = fd;
    return 0;
}

void relaylink_close(struct relaylink *l)
{
    if (l->fd >= 0)
        close(l->fd);
    relaylink_init(l);
}

/* Hands on every whole line in the buffer and keeps the rest. */
static void split_lines(struct relaylink *l,
                        void (*on_line)(void *ctx, const struct relay_line *ln), void *ctx)
{
    size_t start = 0;
    char *nl;

    while (start < l->len && (nl = memchr(l->buf + start, '\n', l->len - start)) != NULL) {
        struct relay_line ln;

        *nl = '\0';
        ln = relaylink_parse(l->buf + start);
        start = (size_t)(nl - l->buf) + 1;
        on_line(ctx, &ln);
        /* on_line may have closed the link. */
        if (l->fd < 0)
            return;
    }
    memmove(l->buf, l->buf + start, l->len - start);
    l->len -= start;
}

int relaylink_read(struct relaylink *l, void (*on_line)(void *ctx, const struct relay_line *ln),
                   void *ctx)
{
    for (;;) {
        ssize_t n;

        if (l->fd < 0)
            return -1;
        if (l->len == sizeof l->buf) {
            relaylink_close(l);
            return -1;
        }
        n = read(l->fd, l->buf + l->len, sizeof l->buf - l->len);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            relaylink_close(l);
            return -1;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return 0;
        l->len += (size_t)n;
        split_lines(l, on_line, ctx);
    }
}

int relaylink_say_watch(struct relaylink *l, const char *line)
{
    size_t len = strlen(line);
    ssize_t n;

    if (l->fd < 0 || strcmp(l->watch, line) == 0)
        return 0;
    if (len >= sizeof l->watch)
        return 0;
    n = send(l->fd, line, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    /* Half a line would run into the next one. */
    if (n != (ssize_t)len) {
        relaylink_close(l);
        return -1;
    }
    memcpy(l->watch, line, len + 1);
    return 0;
}

void relaylink_note(struct relaylink *l, const struct relay_line *ln, long long now_ms)
{
    if (ln->kind == RELAY_HELLO) {
        l->hello = 1;
        l->period = ln->period;
    } else if (ln->kind != RELAY_TICK || !l->hello) {
        return;
    }
    l->sweeping = ln->sweeping;
    l->tick_ms = now_ms;
}

int relaylink_listens(const struct relaylink *l)
{
    return l->fd >= 0 && l->hello;
}

int relaylink_stale(const struct relaylink *l, long long now_ms)
{
    return relaylink_listens(l) && now_ms - l->tick_ms > l->period * 2500LL;
}

int relaylink_sweeps(const struct relaylink *l, long long now_ms)
{
    return relaylink_listens(l) && l->sweeping && !relaylink_stale(l, now_ms);
}
