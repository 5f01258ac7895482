/* casedesk — the relay: one LISTEN per host for all the consoles on it. */
#include "casedesk/relay.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "casedesk/config.h"
#include "casedesk/db.h"
#include "casedesk/i18n.h"
#include "casedesk/loop.h"
#include "casedesk/relaylink.h"

/* The poll() slots before the consoles': signals, the socket, the database. */
#define FIXED_FDS 3

/* A console connected, and what it watches. */
struct client {
    int fd;
    struct relay_watch watch;
    size_t len;
    char buf[RELAY_WATCH_MAX];   /* the start of a line not yet whole */
};

struct relay {
    const struct config *cfg;
    FILE *log;
    long long t0_ms;
    struct db *db;
    int listen_fd;
    struct client *clients;
    size_t nclients, cap;
    int heard;                   /* this turn has read the consoles' lines */
    struct pollfd *fds;          /* FIXED_FDS + cap */
    int ready;                   /* the database connection listens */
    int sweeping;                /* the last sweep asked for was done */
    int sweep_inflight;
    int refusal_said;            /* a refused sweep was said on stderr */
    long long next_sweep_ms;
    int quit;
};

__attribute__((format(printf, 2, 3)))
static void relay_log(const struct relay *r, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    loop_vlog(r->log, r->t0_ms, fmt, ap);
    va_end(ap);
}

void relay_one_line(char *payload)
{
    for (unsigned char *p = (unsigned char *)payload; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = ' ';
}

/* --- the consoles ------------------------------------------------------------ */

static void drop_client(struct relay *r, size_t i)
{
    close(r->clients[i].fd);
    r->clients[i] = r->clients[--r->nclients];
}

static void drop_all(struct relay *r)
{
    if (r->nclients)
        relay_log(r, "%zu consoles dropped", r->nclients);
    while (r->nclients)
        drop_client(r, r->nclients - 1);
}

/* A whole line or nothing: a console whose socket is full has stopped
 * reading, and a line cut in two would be another line. */
static int send_line(int fd, const char *line, size_t len)
{
    ssize_t n = send(fd, line, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    return n == (ssize_t)len ? 0 : -1;
}

/* To every console, or (payload set) to those that watch what it names;
 * how many it was sent to. */
static size_t pass_on(struct relay *r, const char *line, size_t len, const char *payload)
{
    size_t i = 0, sent = 0;

    while (i < r->nclients) {
        struct client *c = &r->clients[i];

        if (payload && !relaylink_watch_passes(&c->watch, payload)) {
            i++;
        } else if (send_line(c->fd, line, len) < 0) {
            relay_log(r, "console %d dropped: it does not read", c->fd);
            drop_client(r, i);
        } else {
            sent++;
            i++;
        }
    }
    return sent;
}

static int grow(struct relay *r)
{
    size_t cap = r->cap ? r->cap * 2 : 64;
    struct client *c = realloc(r->clients, cap * sizeof *c);
    struct pollfd *f;

    if (!c)
        return -1;
    r->clients = c;
    if (!(f = realloc(r->fds, (FIXED_FDS + cap) * sizeof *f)))
        return -1;
    r->fds = f;
    r->cap = cap;
    return 0;
}

static void hello(struct relay *r, int fd)
{
    char line[64];
    int len = snprintf(line, sizeof line, "hello %d %d %d\n", RELAY_PROTOCOL,
                       r->cfg->sweep_seconds, r->sweeping);

    if (send_line(fd, line, (size_t)len) < 0 || (r->nclients == r->cap && grow(r) < 0)) {
        close(fd);
        return;
    }
    r->clients[r->nclients++] = (struct client){.fd = fd};
    relay_log(r, "console %d connected (%zu)", fd, r->nclients);
}

/* While the database connection is down nobody is taken: a console told
 * hello would rely on notifications that are not coming. */
static void accept_all(struct relay *r)
{
    int fd;

    while ((fd = accept(r->listen_fd, NULL, NULL)) >= 0) {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        if (r->ready)
            hello(r, fd);
        else
            close(fd);
    }
}

/* Takes the whole lines in c's buffer: watch lines, and nothing else a
 * console sends. */
static void client_lines(struct relay *r, struct client *c)
{
    size_t start = 0;
    char *nl;

    while ((nl = memchr(c->buf + start, '\n', c->len - start)) != NULL) {
        *nl = '\0';
        if (relaylink_watch_parse(c->buf + start, &c->watch) < 0)
            relay_log(r, "console %d sent a line that is not the protocol's", c->fd);
        start = (size_t)(nl - c->buf) + 1;
    }
    memmove(c->buf, c->buf + start, c->len - start);
    c->len -= start;
}

/* What console c sent; -1 when it has gone (or sent a line too long to be
 * a watch). */
static int client_read(struct relay *r, struct client *c)
{
    for (;;) {
        ssize_t n;

        if (c->len == sizeof c->buf)
            return -1;
        n = recv(c->fd, c->buf + c->len, sizeof c->buf - c->len, MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno == EAGAIN ? 0 : -1;
        if (n == 0)
            return -1;
        c->len += (size_t)n;
        client_lines(r, c);
    }
}

static void read_client(struct relay *r, size_t k)
{
    if (client_read(r, &r->clients[k]) < 0) {
        relay_log(r, "console %d left", r->clients[k].fd);
        drop_client(r, k);
    }
}

/* Every console's lines, whether poll() said so or not: called before a
 * notification is passed on, once a turn, this reads every watch line
 * sent before the notification came. */
static void read_clients(struct relay *r)
{
    if (r->heard)
        return;
    r->heard = 1;
    for (size_t k = r->nclients; k-- > 0;)
        read_client(r, k);
}

/* The consoles poll() found readable (or gone). */
static void read_ready(struct relay *r)
{
    for (size_t k = r->nclients; k-- > 0;)
        if (r->fds[FIXED_FDS + k].revents && r->fds[FIXED_FDS + k].fd == r->clients[k].fd)
            read_client(r, k);
}

/* --- the database ------------------------------------------------------------ */

static void on_notify(void *ctx, const char *payload)
{
    struct relay *r = ctx;
    char line[RELAY_LINE_MAX];
    int len = snprintf(line, sizeof line, "n %s", payload);
    size_t sent;

    if (len < 0 || (size_t)len >= sizeof line - 1)
        return;
    relay_one_line(line);
    line[len] = '\n';
    read_clients(r);
    sent = pass_on(r, line, (size_t)len + 1, payload);
    relay_log(r, "%.*s: passed on to %zu of %zu consoles", len, line, sent, r->nclients);
}

static void on_state(void *ctx, enum db_state st)
{
    struct relay *r = ctx;

    r->ready = st == DB_READY;
    r->sweep_inflight = 0;
    if (r->ready) {
        relay_log(r, "database ready");
        fprintf(stderr, "%s\n", _("casedesk relay: connected to the database"));
        r->next_sweep_ms = loop_now_ms();
        return;
    }
    relay_log(r, "database offline: %s", db_error(r->db));
    fprintf(stderr, _("casedesk relay: no database connection: %s — retrying\n"),
            db_error(r->db));
    r->sweeping = 0;
    drop_all(r);
}

static void on_sweep(void *ctx, const struct db_result *res)
{
    struct relay *r = ctx;

    r->sweep_inflight = 0;
    if (!res->ok) {
        relay_log(r, "sweep refused: %s %s", res->sqlstate, res->message);
        if (!r->refusal_said++)
            fprintf(stderr, _("casedesk relay: the sweep was refused (%s: %s); the consoles "
                              "sweep themselves\n"), res->sqlstate, res->message);
        r->sweeping = 0;
    } else {
        if (!r->sweeping)
            relay_log(r, "sweeping for the centre");
        r->refusal_said = 0;
        r->sweeping = 1;
    }
    /* Every period, whatever the sweep's outcome: the consoles' sign that
     * the relay and its connection still answer. */
    pass_on(r, r->sweeping ? "tick 1\n" : "tick 0\n", 7, NULL);
}

/* The consoles' own periodic statement, asking for no changes and no
 * meters: the sweep when due, by this backend while it keeps asking. */
static void sweep(struct relay *r, long long now)
{
    char period[16];
    const char *params[4] = {"0", "0", period, "f"};

    if (!r->ready || now < r->next_sweep_ms)
        return;
    r->next_sweep_ms = now + r->cfg->sweep_seconds * 1000LL;
    if (r->sweep_inflight)
        return;
    snprintf(period, sizeof period, "%d", r->cfg->sweep_seconds);
    if (db_send(r->db, DB_SWEEP_CHECK, 4, params, on_sweep, r) == 0)
        r->sweep_inflight = 1;
}

/* --- the socket -------------------------------------------------------------- */

/* A socket left by a relay that died is replaced; one a relay still
 * answers on, or anything that is not a socket, is not. */
static int socket_path_free(const char *path, struct sockaddr_un *sa)
{
    struct stat st;
    int fd, live;

    if (lstat(path, &st) < 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISSOCK(st.st_mode)) {
        errno = EEXIST;
        return -1;
    }
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    live = connect(fd, (struct sockaddr *)sa, sizeof *sa) == 0;
    close(fd);
    if (live) {
        errno = EADDRINUSE;
        return -1;
    }
    return unlink(path);
}

/* Consoles run as their users' accounts: any of them may connect. What
 * they hear is what any login may LISTEN to (numbers, no text). */
static int open_socket(const char *path)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    int fd;

    memcpy(sa.sun_path, path, strlen(path) + 1);
    if (socket_path_free(path, &sa) < 0)
        return -1;
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || chmod(path, 0666) < 0 ||
        listen(fd, SOMAXCONN) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

/* --- the loop ---------------------------------------------------------------- */

static int timeout_ms(const struct relay *r, long long now)
{
    long long ms = r->ready ? r->next_sweep_ms - now : 60000;
    int db_ms = db_timeout_ms(r->db);

    if (db_ms >= 0 && db_ms < ms)
        ms = db_ms;
    return ms < 0 ? 0 : ms > 60000 ? 60000 : (int)ms;
}

static void turn(struct relay *r)
{
    nfds_t n = FIXED_FDS + r->nclients;
    int sig;

    r->fds[0] = (struct pollfd){.fd = loop_signal_fd(), .events = POLLIN};
    r->fds[1] = (struct pollfd){.fd = r->listen_fd, .events = POLLIN};
    r->fds[2] = (struct pollfd){.fd = db_fd(r->db), .events = db_events(r->db)};
    for (size_t k = 0; k < r->nclients; k++)
        r->fds[FIXED_FDS + k] = (struct pollfd){.fd = r->clients[k].fd, .events = POLLIN};
    if (poll(r->fds, n, timeout_ms(r, loop_now_ms())) < 0 && errno != EINTR) {
        r->quit = 1;
        return;
    }
    while ((sig = loop_next_signal()) > 0)
        if (sig != SIGWINCH)
            r->quit = 1;
    r->heard = 0;
    if (r->fds[2].fd >= 0 && r->fds[2].revents)
        db_handle_io(r->db, r->fds[2].revents);
    else if (db_state(r->db) == DB_OFFLINE)
        db_handle_io(r->db, 0);
    read_ready(r);
    if (r->fds[1].revents & POLLIN)
        accept_all(r);
    sweep(r, loop_now_ms());
}

int relay_run(const struct config *cfg, FILE *log)
{
    struct relay r = {.cfg = cfg, .log = log, .listen_fd = -1, .t0_ms = loop_now_ms()};
    int rc = EXIT_FAILURE;

    if (!cfg->relay_socket) {
        fprintf(stderr, "%s\n", _("casedesk: --relay needs relay.socket in the configuration"));
        return 2;
    }
    if (grow(&r) < 0 || !(r.db = db_new(cfg->conninfo)) || loop_signals_install(NULL) < 0) {
        fprintf(stderr, "casedesk: %s\n", strerror(errno ? errno : ENOMEM));
        goto out;
    }
    if ((r.listen_fd = open_socket(cfg->relay_socket)) < 0) {
        fprintf(stderr, _("casedesk relay: cannot listen on %s: %s\n"), cfg->relay_socket,
                errno == EADDRINUSE ? _("another relay runs there") : strerror(errno));
        goto out;
    }
    fprintf(stderr, _("casedesk relay: listening on %s\n"), cfg->relay_socket);
    relay_log(&r, "listening on %s", cfg->relay_socket);
    db_set_handlers(r.db, on_notify, on_state, &r);
    db_set_app_name(r.db, "casedesk-relay");
    db_connect_start(r.db);
    while (!r.quit)
        turn(&r);
    relay_log(&r, "quit");
    rc = EXIT_SUCCESS;
out:
    if (r.listen_fd >= 0) {
        close(r.listen_fd);
        unlink(cfg->relay_socket);
    }
    drop_all(&r);
    db_free(r.db);
    loop_signals_remove();
    free(r.clients);
    free(r.fds);
    return rc;
}
