/* casedesk — drawing the escalation desk (view 2) and the supervisor's
 * figures (view 3). Like ui.h: draws what it is given, decides nothing, and
 * sanitises every string from the database before it reaches the terminal.
 */
#ifndef CASEDESK_UI_DESK_H
#define CASEDESK_UI_DESK_H

#include <stdint.h>

#include "casedesk/escview.h"
#include "casedesk/supview.h"
#include "casedesk/ui.h"

/* --- view 2 ------------------------------------------------------------------ */

/* raised: the list is what the user raised (a window clerk's), which names
 * the department asked rather than who asked. */
void ui_draw_escalations(const struct esc_list *l, const struct ui_clock *clk, int raised);
/* Only what changes with time: the countdowns and the selected one's state. */
void ui_draw_escalation_timers(const struct esc_list *l, const struct ui_clock *clk);
/* The terminal bell, for a new escalation. */
void ui_bell(void);

/* --- view 3 ------------------------------------------------------------------ */

/* The table with the cell cursor, the bars and the sparkline. */
void ui_draw_supervisor(const struct sup_view *v, int minutes_per_day, int64_t now);
/* Only the title line, which says how old the figures are. */
void ui_draw_supervisor_age(const struct sup_view *v, int64_t now);

#endif
