package tether.proxy.admin;

import tether.admin.engine.AdminException;
import tether.admin.engine.NewServer;
import tether.proxy.config.ServerConfig;
import tether.proxy.config.ServerDefinitions;
import tether.proxy.pool.AdminState;

/** Turns the admin plane's new-server requests into server definitions. */
final class ServerSpecs {

  private ServerSpecs() {}

  static ServerConfig config(NewServer spec) {
    try {
      return ServerDefinitions.parse(spec.id(), spec.address(), spec.weight(), spec.route());
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw AdminException.badRequest(message.substring(0, message.indexOf(':')), message);
    }
  }

  static AdminState state(tether.admin.engine.AdminState state) {
    return switch (state) {
      case ACTIVE -> AdminState.ACTIVE;
      case DRAINING -> AdminState.DRAINING;
      case MAINTENANCE -> AdminState.MAINTENANCE;
    };
  }
}
