# casedesk — terminal console for a one-window service centre back office.
#
#   make            build build/casedesk
#   make check      build and run every test against a throwaway PostgreSQL
#   make check-failover  casedesk on a pg_auto_failover pair, primary killed
#   make demo       open the console on a private demo database (AS=<login>)
#   make demo-stop  stop the demo's database server
#   make pot        regenerate po/casedesk.pot from the sources
#   make install    PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   := build
# AS is make's assembler by default; here it names the demo login.
ifeq ($(origin AS),default)
AS      := wangfang
endif

CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS    := ncursesw libpq libconfig libqrencode
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L \
               -Iinclude -Itests -DCASEDESK_VERSION='"$(VERSION)"' -DLOCALEDIR='"$(PREFIX)/share/locale"' \
               -DSQLDIR='"$(PREFIX)/share/casedesk/sql"'
VERSION := 0.1.0
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Debian packages the build and the tests need, as "check:package" pairs.
# A check is a pkg-config module (pc/NAME) or a command (cmd/NAME).
DEPS := pc/ncursesw:libncurses-dev pc/libpq:libpq-dev pc/libconfig:libconfig-dev \
        pc/libqrencode:libqrencode-dev cmd/zbarimg:zbar-tools \
        pc/cmocka:libcmocka-dev cmd/pkg-config:pkg-config cmd/cc:gcc cmd/tmux:tmux \
        cmd/psql:postgresql-client-15 cmd/msgfmt:gettext cmd/runuser:util-linux \
        cmd/localedef:libc-bin file//usr/share/i18n/locales/zh_CN:locales \
        file//usr/lib/postgresql/15/bin/postgres:postgresql-15 \
        file//usr/lib/postgresql/15/lib/pgxs/src/test/isolation/isolationtester:postgresql-client-15

LINGUAS  := zh_CN
MO       := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/casedesk.mo)
SRC      := $(wildcard src/*.c)
LIBSRC   := $(filter-out src/main.c,$(SRC))
UNIT     := $(wildcard tests/unit/test_*.c)
DBTEST   := $(wildcard tests/db/test_*.c)
TESTLIB  := $(wildcard tests/support/*.c)

OBJ_N    := $(LIBSRC:%.c=$(BUILD)/obj/%.o)
OBJ_A    := $(LIBSRC:%.c=$(BUILD)/asan/%.o)
TBIN_N   := $(UNIT:tests/%.c=$(BUILD)/test-bin/%) $(DBTEST:tests/%.c=$(BUILD)/test-bin/%)
TBIN_A   := $(UNIT:tests/%.c=$(BUILD)/asan-bin/%) $(DBTEST:tests/%.c=$(BUILD)/asan-bin/%)
TSUP_N   := $(TESTLIB:%.c=$(BUILD)/obj/%.o)
TSUP_A   := $(TESTLIB:%.c=$(BUILD)/asan/%.o)

.PHONY: all pot check check-failover failover-deps demo demo-stop install uninstall clean deps tests \
        asan-tests bench bench-data bench-consoles
# Objects are intermediate files of the pattern rules; keep them, so that a
# second make does not rebuild everything.
.SECONDARY:
all: $(BUILD)/casedesk $(MO) $(BUILD)/locale-def/.made

# Flags come from pkg-config once the packages are there; the generated file is
# remade (and the packages installed) before anything is compiled.
ifeq ($(filter clean deps,$(MAKECMDGOALS)),)
-include $(BUILD)/flags.mk
endif

$(BUILD)/flags.mk: Makefile | $(BUILD)/deps.ok
	@mkdir -p $(@D)
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; \
	   echo "CMOCKA_CFLAGS := $$(pkg-config --cflags cmocka)"; \
	   echo "CMOCKA_LIBS := $$(pkg-config --libs cmocka)"; } > $@.tmp && mv $@.tmp $@

# install_missing: installs the Debian packages of those "check:package"
# pairs whose check fails (as root, or through sudo).
define install_missing
missing=""; \
for pair in $(1); do \
  check=$${pair%%:*}; pkg=$${pair#*:}; \
  case $$check in \
    pc/*)   pkg-config --exists $${check#pc/} 2>/dev/null || missing="$$missing $$pkg" ;; \
    cmd/*)  command -v $${check#cmd/} >/dev/null 2>&1 || missing="$$missing $$pkg" ;; \
    file/*) test -e $${check#file/} || missing="$$missing $$pkg" ;; \
  esac; \
done; \
missing=$$(printf '%s\n' $$missing | sort -u | tr '\n' ' '); \
if [ -n "$${missing% }" ]; then \
  echo "casedesk: installing missing Debian packages:$$missing"; \
  if [ "$$(id -u)" = 0 ]; then sudo=""; \
  elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
  else echo "casedesk: please install these Debian packages as root: $$missing" >&2; exit 1; fi; \
  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing || \
  { echo "casedesk: could not install: $$missing (install them by hand and run make again)" >&2; exit 1; }; \
fi
endef

deps: $(BUILD)/deps.ok
# Remade when the Makefile changes, so that a package added to DEPS is
# installed in a build tree made before it was there.
$(BUILD)/deps.ok: Makefile
	@$(call install_missing,$(DEPS))
	@mkdir -p $(@D) && touch $@

# --- languages ---------------------------------------------------------------
# The message catalogues, build/locale/LL/LC_MESSAGES/casedesk.mo: the
# program uses the "locale" folder beside itself when there is one (see
# include/casedesk/lang.h), so it speaks Chinese from the build folder too.

$(BUILD)/locale/%/LC_MESSAGES/casedesk.mo: po/%.po | $(BUILD)/deps.ok
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# POT=FILE writes the template elsewhere (the completeness test does).
POT ?= po/casedesk.pot
pot:
	xgettext --keyword=_ --keyword=N_ --keyword=C_:1c,2 --from-code=UTF-8 --package-name=casedesk \
	  --package-version=$(VERSION) --add-comments=TRANSLATORS: --sort-by-file \
	  -o $(POT) src/*.c include/casedesk/*.h

# Locales the tests and `LANG=zh_CN.UTF-8 make demo` need, generated without
# root into build/locale-def when the system has none by that name; the
# program falls back to them when the locale its environment names is missing.
LOCALES_DEF := zh_CN
$(BUILD)/locale-def/.made: | $(BUILD)/deps.ok
	@mkdir -p $(@D)
	@for l in $(LOCALES_DEF); do \
	  locale -a 2>/dev/null | grep -qix "$$l.utf-\?8" && continue; \
	  echo "localedef -i $$l -f UTF-8 $(@D)/$$l.UTF-8"; \
	  localedef -i $$l -f UTF-8 $(@D)/$$l.UTF-8 || test -s $(@D)/$$l.UTF-8/LC_CTYPE || exit 1; \
	done
	@touch $@

# A shell prefix for recipes: when the system lacks the locale LANG or LC_ALL
# names (LANG=zh_CN.UTF-8 make demo on a machine without it), the locales
# generated in build/locale-def stand in, for the console and for the tools
# around it (psql's Perl wrapper complains otherwise).
missing_locales = if [ -n "$$(locale 2>&1 >/dev/null)" ]; then export LOCPATH="$(CURDIR)/$(BUILD)/locale-def"; fi;

# The AddressSanitizer build finds the same catalogues and locales.
$(BUILD)/asan/locale $(BUILD)/asan/locale-def:
	@mkdir -p $(@D)
	ln -sfn ../$(@F) $@

# --- objects -----------------------------------------------------------------
$(BUILD)/obj/%.o: %.c | $(BUILD)/flags.mk
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CMOCKA_CFLAGS) $(CFLAGS) $(WARN) -MMD -MP -c $< -o $@

$(BUILD)/asan/%.o: %.c | $(BUILD)/flags.mk
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CMOCKA_CFLAGS) -O1 -g $(SAN) $(WARN) -MMD -MP -c $< -o $@

$(BUILD)/casedesk: $(BUILD)/obj/src/main.o $(OBJ_N)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/asan/casedesk: $(BUILD)/asan/src/main.o $(OBJ_A) | $(BUILD)/asan/locale $(BUILD)/asan/locale-def
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

$(BUILD)/test-bin/%: $(BUILD)/obj/tests/%.o $(OBJ_N) $(TSUP_N)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/asan-bin/%: $(BUILD)/asan/tests/%.o $(OBJ_A) $(TSUP_A)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)

tests: all $(TBIN_N)
asan-tests: $(BUILD)/asan/casedesk $(TBIN_A)

# --- the two commands ---------------------------------------------------------
check: tests asan-tests
	@$(missing_locales) set -x; tests/with-postgres tests/run-suite

# A monitor, a primary and a synchronous secondary of pg_auto_failover on
# loopback; twenty clients and three consoles while the primary dies (see
# tests/failover/run). Not part of check: it takes about two minutes.
FAILOVER_DEPS := cmd/pg_autoctl:pg-auto-failover-cli \
        file//usr/lib/postgresql/15/lib/pgautofailover.so:postgresql-15-auto-failover
check-failover: all $(BUILD)/failover-client | $(BUILD)/failover-deps.ok
	tests/failover/run

failover-deps: $(BUILD)/failover-deps.ok
$(BUILD)/failover-deps.ok: | $(BUILD)/deps.ok
	@$(call install_missing,$(FAILOVER_DEPS))
	@mkdir -p $(@D) && touch $@

$(BUILD)/failover-client: tests/failover/client.c $(BUILD)/obj/src/db.o $(BUILD)/obj/src/loop.o
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS) $(WARN) -o $@ $^ $(PKG_LIBS)

# Demo consoles opened side by side (make demo AS=zhaolei in another terminal)
# share one server and one simulator; the last to quit stops them.
demo: all
	@$(missing_locales) set -x; tests/with-postgres --demo --shared --datadir .demo/pgdata -- tests/demo-session $(AS)

demo-stop:
	tests/with-postgres --datadir .demo/pgdata --stop

# A separate benchmark database (demo reference data plus N generated items)
# in .bench/, made anew each time.
N ?= 100000
bench-data: all
	rm -rf .bench
	tests/with-postgres --demo --datadir .bench/pgdata -- \
	  psql -X -q -v ON_ERROR_STOP=1 -v n=$(N) -f tests/bench/generate.sql

# Every measurement of the README's "Performance" section, at each size
# (SIZES="10000 100000" to skip the million); pspg is the comparison.
SIZES ?= 10000 100000 1000000
bench: all tests
	@command -v pspg >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  { $$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	    $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends pspg; } || \
	  { echo "casedesk: please install the Debian package pspg" >&2; exit 1; }; }
	SIZES="$(SIZES)" tests/bench/run
	$(MAKE) bench-consoles

# What each open console costs the database, at each number of consoles in
# CONSOLES_SET, on CONSOLES_ITEMS items (tests/bench/consoles). With
# CONSOLES_BEFORE=path, an older checkout built there (make all) is measured
# first, on its own schema and benchmark data, for the "before" column.
CONSOLES_SET ?= 100 300 500
CONSOLES_ITEMS ?= 100000
CONSOLES_BEFORE ?=
bench-consoles: all
	@if [ -n "$(CONSOLES_BEFORE)" ]; then \
	  $(MAKE) -s -C "$(CONSOLES_BEFORE)" bench-data N=$(CONSOLES_ITEMS) >/dev/null && \
	  TREE="$(CONSOLES_BEFORE)" TAG=before CONSOLES_SET="$(CONSOLES_SET)" tests/bench/consoles; fi
	$(MAKE) -s bench-data N=$(CONSOLES_ITEMS) >/dev/null
	TAG=after CONSOLES_SET="$(CONSOLES_SET)" tests/bench/consoles
	tests/bench/consoles-report before after $(CONSOLES_SET)

# --- install -----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/casedesk/sql \
	  $(DESTDIR)$(PREFIX)/share/casedesk/sql/repeatable $(DESTDIR)$(PREFIX)/share/casedesk/sql/demo \
	  $(DESTDIR)$(PREFIX)/share/doc/casedesk $(DESTDIR)$(PREFIX)/share/casedesk/systemd
	install -m 755 $(BUILD)/casedesk $(DESTDIR)$(PREFIX)/bin/casedesk
	install -m 644 man/casedesk.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 man/casedesk.cfg.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES \
	    $(DESTDIR)$(PREFIX)/share/man/$$l/man1 $(DESTDIR)$(PREFIX)/share/man/$$l/man5 && \
	  install -m 644 man/$$l/man1/casedesk.1 $(DESTDIR)$(PREFIX)/share/man/$$l/man1/ && \
	  install -m 644 man/$$l/man5/casedesk.cfg.5 $(DESTDIR)$(PREFIX)/share/man/$$l/man5/ && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/casedesk.mo \
	    $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/casedesk.mo || exit 1; \
	done
	install -m 644 sql/*.sql $(DESTDIR)$(PREFIX)/share/casedesk/sql/
	install -m 644 sql/repeatable/*.sql $(DESTDIR)$(PREFIX)/share/casedesk/sql/repeatable/
	install -m 755 sql/migrate $(DESTDIR)$(PREFIX)/share/casedesk/sql/
	install -m 644 sql/demo/*.sql $(DESTDIR)$(PREFIX)/share/casedesk/sql/demo/
	install -m 755 sql/demo/load sql/demo/simulate $(DESTDIR)$(PREFIX)/share/casedesk/sql/demo/
	install -m 644 conf/casedesk.cfg $(DESTDIR)$(PREFIX)/share/doc/casedesk/casedesk.cfg.sample
	install -m 644 conf/calendar-2027.example $(DESTDIR)$(PREFIX)/share/doc/casedesk/
	install -m 644 conf/kb-demo.cfg $(DESTDIR)$(PREFIX)/share/casedesk/
	sed -e 's|/usr/local/bin/casedesk|$(PREFIX)/bin/casedesk|' conf/systemd/casedesk-sweep.service \
	  > $(DESTDIR)$(PREFIX)/share/casedesk/systemd/casedesk-sweep.service
	install -m 644 conf/systemd/casedesk-sweep.timer $(DESTDIR)$(PREFIX)/share/casedesk/systemd/
	sed -e 's|/usr/local/bin/casedesk|$(PREFIX)/bin/casedesk|' conf/systemd/casedesk-relay.service \
	  > $(DESTDIR)$(PREFIX)/share/casedesk/systemd/casedesk-relay.service

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/casedesk $(DESTDIR)$(PREFIX)/share/man/man1/casedesk.1 \
	  $(DESTDIR)$(PREFIX)/share/man/man5/casedesk.cfg.5
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/casedesk.mo \
	  $(DESTDIR)$(PREFIX)/share/man/$$l/man1/casedesk.1 $(DESTDIR)$(PREFIX)/share/man/$$l/man5/casedesk.cfg.5; done
	rm -rf $(DESTDIR)$(PREFIX)/share/casedesk $(DESTDIR)$(PREFIX)/share/doc/casedesk

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
