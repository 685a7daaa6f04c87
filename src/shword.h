/* Shell words: split a POSIX shell or PowerShell script into simple
 * commands and words as the shell would, keeping for each word its span in
 * the host file, which bytes are literal and which are expansions, and how
 * each was quoted. Pure: no I/O; all results live in the caller's arena. */
#ifndef GW_SHWORD_H
#define GW_SHWORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src.h"

struct gw_arena;
struct gw_buf;

enum gw_sh_dialect { GW_SH_POSIX, GW_SH_PWSH };

/* The text to split. It may be a piece of a host file whose bytes are not
 * contiguous there (a YAML block scalar without its indentation, the
 * lines of a Markdown fence): map[i] is then the host offset of text[i]. */
struct gw_shtext {
    const char *text; /* the script; may hold NULs */
    size_t len;
    const uint32_t *map; /* host offset of each byte, or NULL */
    uint32_t base;       /* map == NULL: host offset of text[0] */
    enum gw_sh_dialect dialect;
    bool macros; /* CI text: Azure Pipelines $(var) is replaced
                    before the shell runs, even in '...' */
    bool host_quoted; /* from a quoted YAML scalar, whose quotes and
                         escapes the host text has: no fix edits it */
};

/* A run of a word's source written with one kind of quoting. */
struct gw_shseg {
    struct gw_span span; /* host bytes, its quotes included */
    char quote;          /* 0 (bare), '\'', '"', '$' ($'...'), '@'
                            (PowerShell here-string) */
};

/* An expansion inside a word: $VAR, ${VAR}, $(...), `...`, ${{ ... }},
 * PowerShell $var, $(...), @splat, (...). */
struct gw_shpart {
    uint32_t start, end; /* in the word's decoded text */
    bool quoted;         /* inside quotes: never split or globbed */
    const char *var;     /* name of a plain $NAME / ${NAME} (arena),
                            else NULL */
    bool member;         /* PowerShell "$x.y", k=$x.y or $x[..]: only
                            $x expands, the rest is literal text */
};

struct gw_shword {
    const char *text; /* decoded: quotes and escapes removed,
                         expansions kept as written; NUL-ended */
    uint32_t len;
    const uint32_t *off; /* host offset of each decoded byte */
    struct gw_span span; /* the whole word in the host, quotes in */
    const struct gw_shseg *segs;
    uint32_t nsegs;
    const struct gw_shpart *parts;
    uint32_t nparts;
    bool quoted;       /* some of it was quoted or escaped */
    bool splits;       /* POSIX: an unquoted expansion, which the
                          shell splits on white space and globs
                          (PowerShell never splits arguments) */
    bool unterminated; /* a quote or expansion ran to the end */
};

/* A line break that ends a command for the shell although the author
 * meant to continue it: the escape character ('\\' or PowerShell's '`')
 * followed by blanks instead of the newline, or an empty or comment-only
 * line after a continued line. */
enum gw_sh_break {
    GW_SH_BREAK_NONE,
    GW_SH_BREAK_BLANKS,  /* '\\ ' at the end of a line */
    GW_SH_BREAK_COMMENT, /* a comment line after a continued line */
    GW_SH_BREAK_EMPTY    /* an empty line after a continued line */
};

/* A broken continuation the lexer read on past: words[word] is the first
 * word after it. */
struct gw_shbreak {
    enum gw_sh_break kind;
    struct gw_span span; /* the escape and blanks, the comment, or the
                            empty line (empty span) */
    uint32_t word;
};

/* A simple command: its words, redirections and heredocs left out. */
struct gw_shcmd {
    const struct gw_shword *words;
    uint32_t nwords;
    bool nested; /* inside ( ), { } or a PowerShell block */
    /* The broken continuations, in order, after which the lines start with
     * a flag (-x, --name): the words on all sides are one command here, as
     * the author meant. */
    const struct gw_shbreak *brks;
    uint32_t nbrks;
};

struct gw_shscript {
    const struct gw_shcmd *cmds;
    size_t ncmds;
};

/* Split `in` into commands. Command separators are newlines, ';', '&',
 * '&&', '||', '|' (and ';;', '|&', '(', ')'; PowerShell '{', '}'). Line
 * continuations, comments and heredoc bodies are skipped; commands inside
 * $(...) and backticks are not listed (they are part of a word). An
 * angle-bracket placeholder such as <cluster-name> is read as a word, not
 * as two redirections, since that is what a reader of the text means.
 * Never fails: an unterminated quote or expansion ends at the end of the
 * text. Borrows `in`; everything in *out lives in arena `a`. */
void gw_sh_split(struct gw_arena *a, const struct gw_shtext *in,
                 struct gw_shscript *out);

/* A word split on its first '=' (key=value). */
struct gw_shkv {
    const char *key; /* into the word's decoded text (not NUL-ended
                        at the '='; use key_len) */
    uint32_t key_len;
    const char *value; /* NUL-ended (the word's end) */
    uint32_t value_len;
    uint32_t eq;               /* decoded offset of the '=' */
    struct gw_span key_span;   /* host bytes of the key */
    struct gw_span value_span; /* host bytes of the value: with its quotes
                                  when they enclose just the value, without
                                  the closing quote of "key=value" */
    bool key_dynamic;          /* an expansion comes before the '=' */
};

/* Split word `w` on its first literal '='. Returns false when it has none
 * (an '=' inside an expansion does not count). */
bool gw_shword_kv(const struct gw_shword *w, struct gw_shkv *kv);

/* Whether any byte of the host span `sp` lies inside quotes of `w`.
 * Borrows `w`. */
bool gw_shword_quoted_in(const struct gw_shword *w, struct gw_span sp);

/* The expansion covering decoded offset `at` of `w`, or NULL. */
const struct gw_shpart *gw_shword_part_at(const struct gw_shword *w,
                                          uint32_t at);

/* Whether decoded bytes [from, to) of `w` hold text of their own beside
 * the expansions, not counting a leading "GatewayKey" and blanks: text
 * that may be (part of) a secret, where expansions alone only name one
 * held elsewhere. */
bool gw_shword_has_own_text(const struct gw_shword *w, uint32_t from,
                            uint32_t to);

/* Append `word` to `b`, quoted for a POSIX shell when it needs it, so that
 * gw_sh_split reads it back as the same single word. */
void gw_sh_quote(struct gw_buf *b, const char *word);

#endif
