/* casedesk — the meters under the tab bar. */
#include "casedesk/meters.h"

#include <stdio.h>
#include <string.h>

#include "casedesk/i18n.h"
#include "casedesk/text.h"

#define METER_GAP 2

int meters_wanted(const struct meters *m, int ask, long long now_ms, long long read_ms)
{
    return !m->known || ask || now_ms - read_ms >= METERS_REFRESH_MS;
}

int meters_parse(struct meters *m, const char *text)
{
    struct meters v = {.known = 1};
    int used = -1;

    if (!text || sscanf(text, "%d %d %d %d %d %d %d%n", &v.open, &v.yellow, &v.red, &v.paused,
                        &v.mine, &v.decided, &v.on_time, &used) != 7
        || used < 0 || text[used] != '\0' || v.open < 0 || v.yellow < 0 || v.red < 0
        || v.paused < 0 || v.mine < 0 || v.decided < 0 || v.on_time < 0
        || v.on_time > v.decided)
        return -1;
    *m = v;
    return 0;
}

void meters_rate_text(const struct meters *m, char *buf, size_t n)
{
    if (m->decided <= 0)
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%d%%", (int)((100L * m->on_time) / m->decided));
}

/* Every segment, in the order of the line. */
static size_t all_segments(const struct meters *m, const struct meters_esc *e,
                           struct meter_seg *s)
{
    char rate[16];
    size_t n = 0;

#define SEG(k, t, ...) \
    (s[n].kind = (k), s[n].tone = (t), snprintf(s[n].text, METER_TEXT_MAX, __VA_ARGS__), n++)
    if (m->known) {
        SEG(METER_OPEN, METER_NORMAL, _("open %d"), m->open);
        SEG(METER_RED_ITEMS, m->red ? METER_RED : METER_NORMAL, _("!! red %d"), m->red);
        SEG(METER_YELLOW_ITEMS, m->yellow ? METER_YELLOW : METER_NORMAL, _("! yellow %d"),
            m->yellow);
        SEG(METER_PAUSED_ITEMS, m->paused ? METER_PAUSED : METER_NORMAL, _("|| paused %d"),
            m->paused);
        if (!m->no_claims)
            SEG(METER_MINE, METER_NORMAL, _("mine %d"), m->mine);
    }
    if (e->waiting > 0 && e->left[0])
        SEG(METER_WAITING, e->late ? METER_RED : e->soon ? METER_YELLOW : METER_NORMAL,
            e->late ? _("!! escalations %d, %s") : _("escalations %d, %s"), e->waiting,
            e->left);
    else
        SEG(METER_WAITING, METER_NORMAL, _("escalations %d"), e->waiting);
    if (m->known) {
        meters_rate_text(m, rate, sizeof rate);
        SEG(METER_ON_TIME, m->decided && m->on_time < m->decided ? METER_YELLOW : METER_NORMAL,
            _("on time today %s"), rate);
    }
#undef SEG
    return n;
}

static int line_width(const struct meter_seg *s, size_t n, const int *gone)
{
    int w = 1, any = 0;
    for (size_t i = 0; i < n; i++) {
        if (gone[i])
            continue;
        w += (any ? METER_GAP : 0) + text_width(s[i].text);
        any = 1;
    }
    return w;
}

size_t meters_lay(const struct meters *m, const struct meters_esc *e, int cols,
                  struct meter_seg *out)
{
    static const enum meter_kind drop_order[] = {
        METER_ON_TIME, METER_PAUSED_ITEMS, METER_MINE, METER_YELLOW_ITEMS, METER_OPEN,
    };
    struct meter_seg all[METER_KINDS];
    int gone[METER_KINDS] = {0};
    size_t n = all_segments(m, e, all), k = 0;
    int x = 1;

    for (size_t d = 0; d < sizeof drop_order / sizeof drop_order[0]; d++) {
        if (line_width(all, n, gone) <= cols)
            break;
        for (size_t i = 0; i < n; i++)
            if (all[i].kind == drop_order[d])
                gone[i] = 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (gone[i])
            continue;
        out[k] = all[i];
        out[k].x = x;
        out[k].width = text_width(all[i].text);
        if (out[k].x + out[k].width > cols)
            out[k].width = cols - out[k].x;
        if (out[k].width <= 0)
            break;
        x += out[k].width + METER_GAP;
        k++;
    }
    return k;
}
