package tether.proxy.forward;

import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import tether.routing.HeaderOp;

/** Applies a route's header changes, in the order written, to either library's headers. */
final class HeaderOps {

  private HeaderOps() {}

  static void apply(List<HeaderOp> ops, HttpFields.Mutable headers) {
    for (int i = 0, n = ops.size(); i < n; i++) {
      HeaderOp op = ops.get(i);
      switch (op.kind()) {
        case ADD -> headers.add(op.name(), op.value());
        case SET -> headers.put(op.name(), op.value());
        case REMOVE -> headers.remove(op.name());
      }
    }
  }

  static void apply(List<HeaderOp> ops, HeaderMap headers) {
    for (int i = 0, n = ops.size(); i < n; i++) {
      HeaderOp op = ops.get(i);
      HttpString name = HttpString.tryFromString(op.name());
      switch (op.kind()) {
        case ADD -> headers.add(name, op.value());
        case SET -> headers.put(name, op.value());
        case REMOVE -> headers.remove(name);
      }
    }
  }
}
