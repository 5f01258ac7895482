/* Unit tests for changes.c: which changes the console has seen, and what
 * news of another asks it to fetch. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "casedesk/changes.h"

/* A console whose check has answered: items up to 100, escalations to 90. */
static struct changes seen(void)
{
    struct changes c = {0};
    assert_int_equal(changes_answer(&c, 100, 90, 0), 0);
    return c;
}

/* The numbers a console has seen. */
static void expect_seen(const struct changes *c, int64_t items, int64_t escalations)
{
    assert_int_equal(c->known, 1);
    assert_int_equal(c->items, items);
    assert_int_equal(c->escalations, escalations);
}

static void first_answer_only_sets_the_numbers(void **state)
{
    struct changes c = {0};
    (void)state;
    assert_int_equal(changes_answer(&c, 100, 90, 0), 0);
    expect_seen(&c, 100, 90);
}

static void answer_tells_the_kinds_apart(void **state)
{
    struct changes c = seen();
    (void)state;
    assert_int_equal(changes_answer(&c, 100, 90, 0), 0);
    assert_int_equal(changes_answer(&c, 100, 95, 0), CHANGED_ESCALATIONS);
    assert_int_equal(changes_answer(&c, 101, 95, 0), CHANGED_ITEMS);
    assert_int_equal(changes_answer(&c, 110, 120, 0), CHANGED_ITEMS | CHANGED_ESCALATIONS);
    expect_seen(&c, 110, 120);
    /* An answer that raced an older one never moves the numbers back. */
    assert_int_equal(changes_answer(&c, 105, 100, 0), 0);
    expect_seen(&c, 110, 120);
}

static void paused_answers_keep_the_news_for_later(void **state)
{
    struct changes c = seen();
    (void)state;
    assert_int_equal(changes_answer(&c, 120, 130, 1), 0);
    expect_seen(&c, 100, 90);
    assert_int_equal(changes_answer(&c, 120, 130, 0), CHANGED_ITEMS | CHANGED_ESCALATIONS);
}

static void paused_first_answer_still_sets_the_numbers(void **state)
{
    struct changes c = {0};
    (void)state;
    assert_int_equal(changes_answer(&c, 100, 90, 1), 0);
    expect_seen(&c, 100, 90);
}

/* What the notification payload asks of a console that has seen c. */
/* In these tests the user sees the items of departments 1 and 4; item 7 is
 * on the screen, and case 30 is the case of the detail open. */
static struct change_scope scope;

static int screen_of_test(const void *ctx, const struct change_hint *h)
{
    (void)ctx;
    return (h->dept >= 0 && changes_scope_has(&scope, h->dept)) || h->item == 7 || h->kase == 30;
}

static void expect_news(struct changes *c, const char *payload, unsigned fetch, int check)
{
    struct change_news n;

    changes_scope_set(&scope, "1 4");
    n = changes_notified(c, payload, screen_of_test, NULL);
    assert_int_equal(n.fetch, fetch);
    assert_int_equal(n.check, check);
}

/* A payload that does not say where (an older server, or anyone's NOTIFY),
 * an item off the screen, or a new case: whether the user may see it at
 * all is for a check to say. */
static void item_news_is_checked(void **state)
{
    struct changes c = seen();
    (void)state;
    expect_news(&c, "101 item 8", 0, 1);
    expect_news(&c, "150 case 3", 0, 1);
    expect_news(&c, "151 item 7x", 0, 1);
    expect_news(&c, "151 item 8 1", 0, 1);
    expect_news(&c, "151 item 8 1 2 3", 0, 1);
    expect_news(&c, "151 item 8 x 2", 0, 1);
    assert_int_equal(c.items, 100);
}

/* An item on the screen is fetched at once; the number is not counted as
 * seen (a payload is anyone's to send), so the next check finds it too. */
static void item_on_screen_is_fetched_at_once(void **state)
{
    struct changes c = seen();
    (void)state;
    expect_news(&c, "105 item 7", CHANGED_ROWS, 0);
    expect_seen(&c, 100, 90);
    assert_int_equal(changes_answer(&c, 105, 90, 0), CHANGED_ITEMS);
    expect_news(&c, "103 item 8", CHANGED_ITEMS, 0);
}

/* The payload says where: an item of the user's departments is fetched at
 * once, without a check first, and named so that the page may read it
 * alone; another department's asks for nothing, unless the screen shows it
 * (the item, or the case of the detail). */
static void item_news_says_where(void **state)
{
    struct changes c = seen();
    (void)state;
    expect_news(&c, "101 item 8 1 20", CHANGED_ROWS, 0);
    expect_news(&c, "102 item 9 4 21", CHANGED_ROWS, 0);
    expect_news(&c, "103 item 10 2 22", 0, 0);
    expect_news(&c, "104 item 7 2 22", CHANGED_ROWS, 0);
    expect_news(&c, "105 item 11 3 30", CHANGED_ROWS, 0);
    /* A late change of another department's item is no news either. */
    expect_news(&c, "99 item 12 2 23", 0, 0);
    expect_seen(&c, 100, 90);
    assert_int_equal(changes_notified(&c, "106 item 9 4 21", screen_of_test, NULL).item, 9);
    assert_int_equal(changes_notified(&c, "107 item 10 2 22", screen_of_test, NULL).item, -1);
}

/* Which departments: a list of ids; anything else is every department. */
static void scope_of_departments(void **state)
{
    struct change_scope s;
    (void)state;
    changes_scope_set(&s, "3");
    assert_true(s.limited);
    assert_true(changes_scope_has(&s, 3));
    assert_false(changes_scope_has(&s, 1));
    changes_scope_set(&s, "1 12 7");
    assert_true(changes_scope_has(&s, 12) && changes_scope_has(&s, 7) && changes_scope_has(&s, 1));
    assert_false(changes_scope_has(&s, 2));
    const char *all[] = {NULL, "", "1 x", "1,2", "-1", "1  2"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        changes_scope_set(&s, all[i]);
        assert_false(s.limited);
        assert_true(changes_scope_has(&s, 2));
    }
}

/* A fetch's answer says up to which change it read: the check after it
 * finds nothing new there, and only rows move the numbers, never back. */
static void fetches_cover_changes(void **state)
{
    struct changes c = seen();
    struct changes unknown = {0};
    (void)state;
    changes_covered(&c, CHANGED_ITEMS, 120, 0);
    expect_seen(&c, 120, 90);
    assert_int_equal(changes_answer(&c, 120, 90, 0), 0);
    changes_covered(&c, CHANGED_ESCALATIONS, 95, 0);
    changes_covered(&c, CHANGED_ITEMS, 110, 0);
    expect_seen(&c, 120, 95);
    /* Paused, the news waits for the check after resuming. */
    changes_covered(&c, CHANGED_ITEMS, 130, 1);
    expect_seen(&c, 120, 95);
    assert_int_equal(changes_answer(&c, 130, 95, 0), CHANGED_ITEMS);
    /* Before the first check, the first answer sets the numbers. */
    changes_covered(&unknown, CHANGED_ITEMS, 50, 0);
    assert_int_equal(unknown.items, 0);
}

/* Forged payloads (NOTIFY needs no privilege) move no number: the changes
 * that follow are found as before. */
static void forged_numbers_blind_nothing(void **state)
{
    struct changes c = seen();
    (void)state;
    expect_news(&c, "9223372036854775807 item 7", CHANGED_ROWS, 0);
    expect_news(&c, "9223372036854775807 sweep 1", CHANGED_ESCALATIONS, 0);
    expect_news(&c, "9223372036854775807 escalation 1", CHANGED_ESCALATIONS, 0);
    expect_news(&c, "99999999999999999999999 item 7", CHANGED_ROWS, 0);
    expect_news(&c, "-5 item 7", CHANGED_ROWS, 0);
    expect_seen(&c, 100, 90);
    assert_int_equal(changes_answer(&c, 101, 91, 0), CHANGED_ITEMS | CHANGED_ESCALATIONS);
    expect_seen(&c, 101, 91);
}

/* A change that commits after a higher one was seen: a check would not
 * find it, so the page is fetched at once. */
static void late_item_change_reloads_the_page(void **state)
{
    struct changes c = seen();
    (void)state;
    expect_news(&c, "99 item 8", CHANGED_ITEMS, 0);
    expect_news(&c, "100 item 8", CHANGED_ITEMS, 0);
}

static void before_the_first_answer_items_are_checked(void **state)
{
    struct changes c = {0};
    (void)state;
    expect_news(&c, "5 item 7", 0, 1);   /* on screen or not: nothing seen to compare with */
}

/* A sweep's alarms: the list at once, no check; the number moves only with
 * the next check's answer. */
static void sweep_fetches_the_list(void **state)
{
    struct changes c = seen();
    (void)state;
    expect_news(&c, "140 sweep 12", CHANGED_ESCALATIONS, 0);
    expect_seen(&c, 100, 90);
    assert_int_equal(changes_answer(&c, 100, 140, 0), CHANGED_ESCALATIONS);
    expect_news(&c, "140 sweep 12", 0, 0);
}

static void escalation_news_fetches_the_list(void **state)
{
    struct changes c = seen();
    (void)state;
    expect_news(&c, "95 escalation 4", CHANGED_ESCALATIONS, 0);
    /* Late, or not visible to a check (handed on elsewhere): fetched all the same. */
    expect_news(&c, "93 escalation 5", CHANGED_ESCALATIONS, 0);
    expect_seen(&c, 100, 90);
}

/* The check's answer came first (the notification follows its result) and
 * had the list fetched: the notification of that very change adds nothing. */
static void escalation_news_a_check_already_found(void **state)
{
    struct changes c = seen();
    (void)state;
    assert_int_equal(changes_answer(&c, 100, 97, 0), CHANGED_ESCALATIONS);
    expect_news(&c, "97 sweep 1", 0, 0);
}

static void escalation_news_before_the_first_answer(void **state)
{
    struct changes c = {0};
    (void)state;
    expect_news(&c, "0 sweep 1", CHANGED_ESCALATIONS, 0);
    assert_int_equal(c.escalations, 0);
}

static void unknown_kinds_are_checked(void **state)
{
    struct changes c = seen();
    (void)state;
    expect_news(&c, "120 matter 2", 0, 1);
    expect_news(&c, "garbage", 0, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_answer_only_sets_the_numbers),
        cmocka_unit_test(answer_tells_the_kinds_apart),
        cmocka_unit_test(paused_answers_keep_the_news_for_later),
        cmocka_unit_test(paused_first_answer_still_sets_the_numbers),
        cmocka_unit_test(item_news_is_checked),
        cmocka_unit_test(item_on_screen_is_fetched_at_once),
        cmocka_unit_test(item_news_says_where),
        cmocka_unit_test(scope_of_departments),
        cmocka_unit_test(fetches_cover_changes),
        cmocka_unit_test(forged_numbers_blind_nothing),
        cmocka_unit_test(late_item_change_reloads_the_page),
        cmocka_unit_test(before_the_first_answer_items_are_checked),
        cmocka_unit_test(sweep_fetches_the_list),
        cmocka_unit_test(escalation_news_fetches_the_list),
        cmocka_unit_test(escalation_news_a_check_already_found),
        cmocka_unit_test(escalation_news_before_the_first_answer),
        cmocka_unit_test(unknown_kinds_are_checked),
    };

    return cmocka_run_group_tests_name("changes", tests, NULL, NULL);
}
