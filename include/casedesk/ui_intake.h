/* casedesk — drawing the window's intake (view 4): the form with its fields,
 * the matter types that match what is typed, the checklist with a summary
 * per item, the y/N question; or the finder's cases. Like ui.h: draws what
 * it is given, decides nothing, sanitises every string before it reaches
 * the terminal.
 */
#ifndef CASEDESK_UI_INTAKE_H
#define CASEDESK_UI_INTAKE_H

#include <stdint.h>

#include "casedesk/intake.h"

struct ui_intake {
    const struct intake_form *form;
    const struct intake_finder *finder;
    int find_page;          /* the finder, else the form */
    int editing;            /* the focused field shows the text cursor */
    int confirming;         /* the y/N question before filing */
    int filing;             /* a filing is on its way */
    const char *filed;      /* what the last filing gave, or NULL */
    int64_t now;
};

void ui_draw_intake(const struct ui_intake *v);

#endif
