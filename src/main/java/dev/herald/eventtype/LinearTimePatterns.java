package dev.herald.eventtype;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * Runs the {@code pattern} and {@code patternProperties} of tenant schemas with RE2/J, whose matching time grows
 * linearly with the input. Java's backtracking engine would let a pattern such as {@code ^(a+)+$} spend minutes on
 * one crafted payload, and payloads are checked on the request's event loop. RE2 has no backreferences and no
 * lookaround; a schema using them is refused when it is saved, naming the pattern.
 */
final class LinearTimePatterns implements RegularExpressionFactory {

    static final LinearTimePatterns INSTANCE = new LinearTimePatterns();

    private LinearTimePatterns() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the pattern " + regex + " is not supported (RE2 syntax: no "
                    + "backreferences or lookaround): " + e.getDescription(), e);
        }
        // JSON Schema patterns are not anchored: a match anywhere in the string counts.
        return value -> pattern.matcher(value).find();
    }
}
