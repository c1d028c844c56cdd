/*
 * skeleton.c - dump single-letter confusable skeletons from ICU's spoof checker.
 *
 * For every assigned letter (general category L*) in a fixed set of non-Latin
 * and non-ASCII Latin blocks, compute the UTS #39 confusable skeleton with
 * uspoof_getSkeleton and print "XXXX a" when the code point looks like exactly
 * one ASCII letter.  Output is sorted by scalar and fully deterministic.
 *
 * Rules, in order:
 *   1. s = skeleton(c).  If s is a single ASCII character:
 *        - a letter: emit lowercase(s), except that an uppercase c whose
 *          skeleton is "l" emits 'i' (ICU folds Latin capital I to "l", so a
 *          capital with skeleton "l" looks like "I");
 *        - a digit or punctuation: skip c (it looks like a digit, not a letter).
 *   2. Otherwise, if c has a distinct lowercase form (u_tolower), and that
 *      form's skeleton is a single ASCII letter, emit it lowercased.  This
 *      keeps the table consistent with text that is lowercased first.
 *   3. Anything else (multi-character or non-ASCII skeletons) is skipped.
 *
 * The first output line is a comment: "# ICU <version> Unicode <version>".
 *
 * Build: cc skeleton.c $(pkg-config --cflags --libs icu-uc icu-i18n)
 */
#include <stdio.h>
#include <stdlib.h>
#include <unicode/uchar.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>
#include <unicode/uversion.h>

/* Inclusive code point ranges to scan, in ascending order. */
static const UChar32 kRanges[][2] = {
    {0x0180, 0x024F}, /* Latin Extended-B */
    {0x0250, 0x02AF}, /* IPA Extensions */
    {0x0370, 0x03FF}, /* Greek and Coptic */
    {0x0400, 0x04FF}, /* Cyrillic */
    {0x0500, 0x052F}, /* Cyrillic Supplement */
    {0x0530, 0x058F}, /* Armenian */
    {0x13A0, 0x13FF}, /* Cherokee */
    {0x1F00, 0x1FFF}, /* Greek Extended */
    {0xAB70, 0xABBF}, /* Cherokee Supplement */
};

/*
 * Returns the single ASCII character that is the skeleton of c, or -1 when the
 * skeleton is longer than one code unit or not ASCII.
 */
static int skeleton_ascii(const USpoofChecker *checker, UChar32 c) {
    UChar in[2];
    int32_t in_len = 0;
    U16_APPEND_UNSAFE(in, in_len, c);

    UChar out[32];
    UErrorCode status = U_ZERO_ERROR;
    int32_t out_len = uspoof_getSkeleton(checker, 0, in, in_len, out, 32, &status);
    if (U_FAILURE(status)) {
        fprintf(stderr, "uspoof_getSkeleton(U+%04X) failed: %s\n", (unsigned)c, u_errorName(status));
        exit(1);
    }
    if (out_len != 1 || out[0] >= 0x80) return -1;
    return (int)out[0];
}

static int is_ascii_letter(int ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int ascii_lower(int ch) {
    return (ch >= 'A' && ch <= 'Z') ? ch + ('a' - 'A') : ch;
}

/* Returns the ASCII lowercase letter c folds to, or 0 if it folds to none. */
static int latin_letter(const USpoofChecker *checker, UChar32 c) {
    int own = skeleton_ascii(checker, c);
    if (own >= 0) {
        if (!is_ascii_letter(own)) return 0; /* looks like a digit or punctuation */
        int type = u_charType(c);
        if (own == 'l' && (type == U_UPPERCASE_LETTER || type == U_TITLECASE_LETTER)) return 'i';
        return ascii_lower(own);
    }
    UChar32 lower = u_tolower(c);
    if (lower != c) {
        int folded = skeleton_ascii(checker, lower);
        if (folded >= 0 && is_ascii_letter(folded)) return ascii_lower(folded);
    }
    return 0;
}

int main(void) {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker *checker = uspoof_open(&status);
    if (U_FAILURE(status)) {
        fprintf(stderr, "uspoof_open failed: %s\n", u_errorName(status));
        return 1;
    }

    UVersionInfo icu, unicode;
    char icu_str[U_MAX_VERSION_STRING_LENGTH], unicode_str[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(icu);
    u_getUnicodeVersion(unicode);
    u_versionToString(icu, icu_str);
    u_versionToString(unicode, unicode_str);
    printf("# ICU %s Unicode %s\n", icu_str, unicode_str);

    for (size_t r = 0; r < sizeof kRanges / sizeof kRanges[0]; r++) {
        for (UChar32 c = kRanges[r][0]; c <= kRanges[r][1]; c++) {
            if ((U_GET_GC_MASK(c) & U_GC_L_MASK) == 0) continue; /* letters only; skips unassigned */
            int letter = latin_letter(checker, c);
            if (letter) printf("%04X %c\n", (unsigned)c, letter);
        }
    }

    uspoof_close(checker);
    return 0;
}
