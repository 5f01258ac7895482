/* casedesk — which language the messages are in, and where their catalogues are. */
#include "casedesk/lang.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }

int lang_valid(const char *name)
{
    size_t i = 0;

    if (!name)
        return 0;
    while (is_lower((unsigned char)name[i]))
        i++;
    if (i < 2 || i > 3)
        return 0;
    if (name[i] == '_') {
        if (!is_upper((unsigned char)name[i + 1]) || !is_upper((unsigned char)name[i + 2]))
            return 0;
        i += 3;
    }
    return name[i] == '\0' || strcmp(name + i, ".UTF-8") == 0 || strcmp(name + i, ".utf8") == 0;
}

void lang_catalogue_dir(const char *env, const char *exe_dir, const char *installed,
                        int (*is_dir)(const char *path), char *out, size_t n)
{
    char beside[PATH_MAX];

    if (env && *env) {
        snprintf(out, n, "%s", env);
        return;
    }
    if (exe_dir && *exe_dir) {
        int len = snprintf(beside, sizeof beside, "%s/locale", exe_dir);
        if (len > 0 && (size_t)len < sizeof beside && is_dir(beside)) {
            snprintf(out, n, "%s", beside);
            return;
        }
    }
    snprintf(out, n, "%s", installed);
}

static int path_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder of the running program, or "" when /proc does not say. */
static void exe_dir(char *out, size_t n)
{
    char path[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", path, sizeof path - 1);
    char *slash;

    out[0] = '\0';
    if (len <= 0)
        return;
    path[len] = '\0';
    if ((slash = strrchr(path, '/')) && slash != path) {
        *slash = '\0';
        snprintf(out, n, "%s", path);
    }
}

/* Only when the user has not chosen a LOCPATH: theirs is respected. */
static void try_private_locales(const char *dir)
{
    char locpath[PATH_MAX];
    int len;

    if (getenv("LOCPATH") || !*dir)
        return;
    len = snprintf(locpath, sizeof locpath, "%s/locale-def", dir);
    if (len <= 0 || (size_t)len >= sizeof locpath || !path_is_dir(locpath))
        return;
    if (setenv("LOCPATH", locpath, 1) == 0 && !setlocale(LC_ALL, ""))
        unsetenv("LOCPATH");
}

void lang_init(void)
{
    char dir[PATH_MAX], catalogues[PATH_MAX];

    exe_dir(dir, sizeof dir);
    if (!setlocale(LC_ALL, ""))
        try_private_locales(dir);
    lang_catalogue_dir(getenv("CASEDESK_LOCALEDIR"), dir, LOCALEDIR, path_is_dir, catalogues,
                       sizeof catalogues);
    bindtextdomain(LANG_DOMAIN, catalogues);
    bind_textdomain_codeset(LANG_DOMAIN, "UTF-8");
    textdomain(LANG_DOMAIN);
}

int lang_set(const char *name)
{
    const char *messages;
    char base[16];

    if (!lang_valid(name))
        return -1;
    /* gettext ignores LANGUAGE while LC_MESSAGES is "C"; C.UTF-8 is built
     * into the C library and keeps the rest of the locale as it was. */
    messages = setlocale(LC_MESSAGES, NULL);
    if (!messages || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
    snprintf(base, sizeof base, "%.*s", (int)strcspn(name, "."), name);
    setenv("LANGUAGE", base, 1);
    /* Setting the domain again drops the catalogue gettext has cached. */
    textdomain(LANG_DOMAIN);
    return 0;
}
