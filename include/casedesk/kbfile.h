/* casedesk — the guidance knowledge base (一库) as one human-edited file in
 * libconfig syntax: departments, categories, item types (limits, yellow
 * share, required materials, common rejection reasons), matter types (their
 * items and dependencies) and escalation kinds. `casedesk admin kb export`
 * writes it (the database does, see sql/110_admin.sql), `kb check` and
 * `kb apply` read it with the checks below, each naming file:line. */
#ifndef CASEDESK_KBFILE_H
#define CASEDESK_KBFILE_H

#include <stddef.h>

struct kbfile;

/* Reads and checks the file at path. NULL with a message in err. */
struct kbfile *kbfile_load(const char *path, char *err, size_t errlen);

/* The same from text already in memory (path names it in messages). */
struct kbfile *kbfile_parse(const char *text, const char *path, char *err, size_t errlen);

void kbfile_free(struct kbfile *kb);

/* The knowledge base as JSON for casedesk.kb_apply(); a new string, or NULL
 * when out of memory. */
char *kbfile_json(const struct kbfile *kb);

/* How many entries of each kind, for messages. */
void kbfile_counts(const struct kbfile *kb, int *departments, int *item_types, int *matter_types);

#endif
