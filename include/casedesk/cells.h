/* casedesk — reading the cells of an answer's rows as text (NULL: SQL NULL),
 * and keeping a cursor on a list of rows: what the queue, the escalation
 * desk and the supervisor's figures share. Pure: no database or terminal.
 */
#ifndef CASEDESK_CELLS_H
#define CASEDESK_CELLS_H

#include <stddef.h>
#include <stdint.h>

/* An integer cell; fallback for NULL, empty or not a number. */
int64_t cells_int(const char *text, int64_t fallback);
/* A number cell; fallback for NULL, empty or not a finite number. */
double cells_number(const char *text, double fallback);
/* An epoch cell in whole seconds (extract(epoch ...) has fractions; epochs
 * here are never before 1970, so truncating is flooring); none for NULL. */
int64_t cells_epoch(const char *text, int64_t none);
/* A malloc'd copy of the cell, "" for NULL. 0, or -1 out of memory. */
int cells_dup(char **out, const char *text);

/* The row a cursor moved to target lands on in a list of n rows: the first
 * or the last when target is past an end, 0 when the list is empty. */
size_t cells_clamp(long target, size_t n);

#endif
