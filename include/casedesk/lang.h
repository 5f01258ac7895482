/* casedesk — which language the messages are in, and where their catalogues are. */
#ifndef CASEDESK_LANG_H
#define CASEDESK_LANG_H

#include <stddef.h>

/* Text domain of the message catalogues. */
#define LANG_DOMAIN "casedesk"

/* 1 when name is a language the language setting and --lang accept: "en",
 * "zh_CN", a two or three letter code with an optional _CC country, or
 * that with ".UTF-8". */
int lang_valid(const char *name);

/* Where the catalogues are, first match wins: $CASEDESK_LOCALEDIR; the
 * folder "locale" beside the running program (the build folder, where make
 * puts build/locale/zh_CN/LC_MESSAGES/casedesk.mo); the installed dir.
 * exe_dir is the folder of the running program or NULL; is_dir tells
 * whether a path is a folder. Writes the choice into out. */
void lang_catalogue_dir(const char *env, const char *exe_dir, const char *installed,
                        int (*is_dir)(const char *path), char *out, size_t n);

/* The program's locale from LC_ALL, LC_*, LANG as every program does; when
 * the system lacks the locale they name, the locale data that make
 * generated beside the program (build/locale-def) is tried. Then binds the
 * text domain to its catalogues. */
void lang_init(void);

/* Messages in the language name (lang_valid) from now on, whatever the
 * locale says. Returns 0, or -1 for an invalid name. */
int lang_set(const char *name);

#endif
