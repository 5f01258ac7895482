/* casedesk — who did something, as the screen names them. The database gives
 * a person's display name (casedesk.display_name), and for the system's own
 * actions (the sweep's alarms, acting as the owner role) the fixed name
 * ACTOR_SYSTEM: that one the console says in its own language. Pure: no
 * terminal or database.
 */
#ifndef CASEDESK_ACTOR_H
#define CASEDESK_ACTOR_H

/* 电子监察, electronic supervision: the centre's watch over time limits.
 * casedesk.display_name() gives it; no person may bear it (staff's check). */
#define ACTOR_SYSTEM "电子监察"

/* The name to show for a name from the database; NULL reads as "". */
const char *actor_name(const char *db_name);

#endif
