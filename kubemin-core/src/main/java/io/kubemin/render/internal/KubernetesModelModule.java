package io.kubemin.render.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;

/**
 * Jackson 2 serializers for the fabric8 types whose own serializers are Jackson 3 only (fabric8 8
 * annotates them with {@code tools.jackson} annotations, which Jackson 2 does not see): {@code
 * IntOrString} and other {@code AnyType}s as their bare value, {@code Quantity} and {@code
 * Duration} as their string form, {@code MicroTime} as its timestamp.
 */
final class KubernetesModelModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  KubernetesModelModule() {
    super("kubemin-kubernetes-model");
    addSerializer(AnyType.class, new AnyTypeSerializer());
    addSerializer(Quantity.class, ToStringSerializer.instance);
    addSerializer(Duration.class, ToStringSerializer.instance);
    addSerializer(MicroTime.class, new MicroTimeSerializer());
  }

  private static final class AnyTypeSerializer extends StdSerializer<AnyType> {
    private static final long serialVersionUID = 1L;

    AnyTypeSerializer() {
      super(AnyType.class);
    }

    @Override
    public void serialize(AnyType value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      provider.defaultSerializeValue(value.getValue(), generator);
    }
  }

  private static final class MicroTimeSerializer extends StdSerializer<MicroTime> {
    private static final long serialVersionUID = 1L;

    MicroTimeSerializer() {
      super(MicroTime.class);
    }

    @Override
    public void serialize(MicroTime value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(value.getTime());
    }
  }
}
