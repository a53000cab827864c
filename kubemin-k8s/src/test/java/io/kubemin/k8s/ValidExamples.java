package io.kubemin.k8s;

import io.kubemin.model.ModelCodec;
import io.kubemin.testing.UpstreamExamples;
import io.kubemin.validation.Validator;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The upstream example applications that pass validation (all but validation-try 03-09). */
public final class ValidExamples {
  private ValidExamples() {}

  /** Their files. */
  public static Stream<Path> files() {
    return UpstreamExamples.applications().stream()
        .filter(p -> Validator.standard().validate(ModelCodec.readApplication(p)).valid());
  }
}
