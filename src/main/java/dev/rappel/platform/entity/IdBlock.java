package dev.rappel.platform.entity;

/**
 * How many ids one read of an id sequence stands for. The sequences step by this much, the
 * entities' generators allocate as much ({@code @SequenceGenerator(allocationSize =
 * IdBlock.SIZE)}), and a value v of a sequence stands for the ids v - SIZE + 1 … v, so the blocks
 * taken by different instances never overlap.
 */
public final class IdBlock {
  public static final int SIZE = 100;

  private IdBlock() {}
}
