package io.kubemin.render.internal;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Quotes, beyond Jackson's defaults, the strings a YAML 1.1 reader (kubectl's) would take for
 * something else: dates and timestamps, base-60 numbers ({@code 12:30}), {@code 0o} octals, the
 * merge key {@code <<}, the value key {@code =} and {@code ?}-prefixed keys.
 */
final class Yaml11QuotingChecker extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;
  private static final Pattern AMBIGUOUS =
      Pattern.compile(
          "\\d{4}-\\d{1,2}-\\d{1,2}([Tt ].*)?"
              + "|[-+]?\\d[\\d_]*(:[0-5]?\\d)+(\\.[\\d_]*)?"
              + "|0o[0-7]+"
              + "|<<|=|\\?.*");

  @Override
  public boolean needToQuoteName(String name) {
    return super.needToQuoteName(name) || AMBIGUOUS.matcher(name).matches();
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || AMBIGUOUS.matcher(value).matches();
  }
}
