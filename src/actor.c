/* casedesk — who did something, as the screen names them. */
#include "casedesk/actor.h"

#include <string.h>

#include "casedesk/i18n.h"

const char *actor_name(const char *db_name)
{
    if (!db_name)
        return "";
    return strcmp(db_name, ACTOR_SYSTEM) == 0 ? _("SLA watch") : db_name;
}
