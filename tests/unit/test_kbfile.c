/* Unit tests for kbfile.c: the knowledge base file's checks (file:line) and
 * its JSON for the database. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedesk/kbfile.h"

#define KINDS \
    "escalation_kinds = ( { kind = \"question\"; response_minutes = 3; description = \"q\"; },\n" \
    "  { kind = \"yellow\"; response_minutes = 3; description = \"y\"; },\n" \
    "  { kind = \"red\"; response_minutes = 3; description = \"r\"; },\n" \
    "  { kind = \"unanswered\"; response_minutes = 3; description = \"u\"; } );\n"

/* Line 1-2 departments, 3 categories, 4-7 item types, 8-10 matters. */
static char *kb_text(const char *items, const char *deps)
{
    static char buf[4096];
    snprintf(buf, sizeof buf,
             "departments = ( { code = \"ZJ\"; name = \"住建\"; name_en = \"housing\"; },\n"
             "  { code = \"RF\"; name = \"人防\"; name_en = \"air defence\"; } );\n"
             "categories = ( { code = \"p\"; name = \"项目\"; name_en = \"project\"; } );\n"
             "item_types = (\n"
             "  { code = \"A\"; name = \"a\"; name_en = \"a\"; department = \"ZJ\"; limit = 5; unit = \"working_days\"; yellow = 0.75; materials = [ \"图\" ]; rejection_reasons = [ ]; },\n"
             "  { code = \"B\"; name = \"b\"; name_en = \"b\"; department = \"RF\"; limit = 48; unit = \"calendar_hours\"; yellow = 0.5; materials = [ ]; rejection_reasons = [ \"x\\\"y\" ]; },\n"
             "  { code = \"C\"; name = \"c\"; name_en = \"c\"; department = \"ZJ\"; limit = 30; unit = \"working_minutes\"; yellow = 0.8; materials = [ ]; rejection_reasons = [ ]; } );\n"
             "matter_types = (\n"
             "  { code = \"M\"; name = \"m\"; name_en = \"m\"; category = \"p\"; items = %s;\n"
             "    dependencies = %s; } );\n" KINDS,
             items, deps);
    return buf;
}

static void refused(const char *text, const char *want)
{
    char err[512];
    struct kbfile *kb = kbfile_parse(text, "kb.cfg", err, sizeof err);

    assert_null(kb);
    assert_string_equal(err, want);
}

static void test_good_file_to_json(void **state)
{
    char err[512], *json;
    int d, i, m;
    struct kbfile *kb = kbfile_parse(kb_text("[ \"A\", \"B\", \"C\" ]", "( [ \"C\", \"A\" ], [ \"C\", \"B\" ] )"),
                                     "kb.cfg", err, sizeof err);

    (void)state;
    if (!kb)
        fail_msg("%s", err);
    kbfile_counts(kb, &d, &i, &m);
    assert_int_equal(d, 2);
    assert_int_equal(i, 3);
    assert_int_equal(m, 1);
    json = kbfile_json(kb);
    assert_non_null(strstr(json, "\"rejection_reasons\":[\"x\\\"y\"]"));
    assert_non_null(strstr(json, "\"dependencies\":[[\"C\",\"A\"],[\"C\",\"B\"]]"));
    assert_non_null(strstr(json, "\"yellow\":0.75"));
    assert_non_null(strstr(json, "\"limit\":48"));
    free(json);
    kbfile_free(kb);
}

static void test_refusals(void **state)
{
    char text[4096];

    (void)state;
    refused(kb_text("[ \"A\", \"B\" ]", "( [ \"A\", \"B\" ], [ \"B\", \"A\" ] )"),
            "kb.cfg:10: the dependencies of matter \"M\" form a cycle");
    refused(kb_text("[ \"A\", \"B\", \"C\" ]", "( [ \"A\", \"B\" ], [ \"B\", \"C\" ], [ \"C\", \"A\" ] )"),
            "kb.cfg:10: the dependencies of matter \"M\" form a cycle");
    refused(kb_text("[ \"A\" ]", "( [ \"A\", \"B\" ] )"), "kb.cfg:10: \"B\" is not one of the items of matter \"M\"");
    refused(kb_text("[ \"A\", \"X\" ]", "( )"), "kb.cfg:9: unknown item type \"X\"");
    refused(kb_text("[ \"A\", \"A\" ]", "( )"), "kb.cfg:9: item type \"A\" is listed twice");
    refused(kb_text("[ \"A\" ]", "( [ \"A\", \"A\" ] )"), "kb.cfg:10: an item cannot wait for itself");

    strcpy(text, kb_text("[ \"A\" ]", "( )"));
    *strstr(text, "department = \"RF\"") = 'X';   /* "Xepartment": an unknown field */
    refused(text, "kb.cfg:6: unknown field 'Xepartment'");
    strcpy(text, kb_text("[ \"A\" ]", "( )"));
    memcpy(strstr(text, "\"RF\"; limit"), "\"QQ\"", 4);
    refused(text, "kb.cfg:6: unknown department \"QQ\"");
    strcpy(text, kb_text("[ \"A\" ]", "( )"));
    memcpy(strstr(text, "code = \"C\""), "code = \"A\"", 10);
    refused(text, "kb.cfg:7: code \"A\" is listed twice (first on line 5)");
    strcpy(text, kb_text("[ \"A\" ]", "( )"));
    memcpy(strstr(text, "yellow = 0.5"), "yellow = 1.5", 12);
    refused(text, "kb.cfg:6: 'yellow' must be a share between 0 and 1, such as 0.75");
    strcpy(text, kb_text("[ \"A\" ]", "( )"));
    memcpy(strstr(text, "\"working_minutes\""), "\"working_monthss\"", 17);
    refused(text, "kb.cfg:7: 'unit' must be working_days, working_minutes or calendar_hours");
    strcpy(text, kb_text("[ \"A\" ]", "( )"));
    *strstr(text, "{ kind = \"red\"") = ' ';
    refused(text, "kb.cfg:13: syntax error");
    strcpy(text, kb_text("[ \"A\" ]", "( )"));
    memcpy(strstr(text, "kind = \"red\""), "kind = \"rod\"", 12);
    refused(text, "kb.cfg: escalation kind \"red\" is missing (the sweep and the windows use it)");
    strcpy(text, kb_text("[ \"A\" ]", "( )"));
    memcpy(strstr(text, "name = \"a\""), "name = \"\x1b\"", 10);
    refused(text, "kb.cfg:5: 'name' contains control characters");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file_to_json),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
