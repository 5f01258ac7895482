/* casedesk — signals, the wait, the clock. */
#include "casedesk/loop.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static int signal_pipe[2] = {-1, -1};
static void (*restore)(void);

static const int caught_signals[] = {SIGWINCH, SIGHUP, SIGTERM, SIGINT};
static const int fatal_signals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
static struct sigaction fatal_old[COUNT(fatal_signals)];

long long loop_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    if (write(signal_pipe[1], &b, 1) < 0) {
        /* A full pipe already holds a wake-up. */
    }
    errno = saved;
}

/* The terminal first, then whatever handled the signal before (the default
 * action, or a sanitizer's report). */
static void on_fatal(int sig)
{
    if (restore)
        restore();
    for (size_t i = 0; i < COUNT(fatal_signals); i++)
        if (fatal_signals[i] == sig)
            sigaction(sig, &fatal_old[i], NULL);
    raise(sig);
}

static int pipe_open(void)
{
    if (pipe(signal_pipe) < 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(signal_pipe[i], F_SETFL, fcntl(signal_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    return 0;
}

int loop_signals_install(void (*restore_terminal)(void))
{
    struct sigaction sa;

    if (pipe_open() < 0)
        return -1;
    restore = restore_terminal;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    for (size_t i = 0; i < COUNT(caught_signals); i++)
        sigaction(caught_signals[i], &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_NODEFER;
    for (size_t i = 0; i < COUNT(fatal_signals); i++)
        sigaction(fatal_signals[i], &sa, &fatal_old[i]);
    return 0;
}

void loop_signals_remove(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(SIGWINCH, &sa, NULL);
    for (int i = 0; i < 2; i++) {
        if (signal_pipe[i] >= 0)
            close(signal_pipe[i]);
        signal_pipe[i] = -1;
    }
}

void loop_vlog(FILE *log, long long t0_ms, const char *fmt, va_list ap)
{
    long long ms;

    if (!log)
        return;
    ms = loop_now_ms() - t0_ms;
    fprintf(log, "%6lld.%03lld ", ms / 1000, ms % 1000);
    vfprintf(log, fmt, ap);
    fputc('\n', log);
    fflush(log);
}

int loop_signal_fd(void)
{
    return signal_pipe[0];
}

int loop_next_signal(void)
{
    unsigned char b;
    return signal_pipe[0] >= 0 && read(signal_pipe[0], &b, 1) == 1 ? b : 0;
}

int loop_wait(int db_fd, short db_events, int relay_fd, int keys, int timeout_ms,
              struct loop_ready *ready)
{
    /* poll() passes over a negative fd. */
    struct pollfd fds[4] = {
        {.fd = keys ? STDIN_FILENO : -1, .events = POLLIN},
        {.fd = signal_pipe[0], .events = POLLIN},
        {.fd = db_fd, .events = db_events},
        {.fd = relay_fd, .events = POLLIN},
    };

    memset(ready, 0, sizeof *ready);
    if (poll(fds, 4, timeout_ms) < 0)
        return errno == EINTR ? 0 : -1;
    ready->signals = (fds[1].revents & POLLIN) != 0;
    ready->db = fds[2].revents;
    ready->relay = fds[3].revents;
    ready->keys = (fds[0].revents & POLLIN) != 0;
    ready->hangup = !ready->keys && (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL));
    return 0;
}
