package dev.rappel.queue.entity;

import dev.rappel.agent.entity.Agent;
import dev.rappel.platform.entity.RuleViolation;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An ACD routing queue: its agent members and its callback policy. */
@Entity
@Table(name = "queue")
@NamedQuery(name = Queue.ALL, query = "SELECT q FROM Queue q ORDER BY q.id")
@NamedQuery(name = Queue.BY_NAME, query = "SELECT q FROM Queue q WHERE LOWER(q.name) = :name")
@NamedQuery(
    name = Queue.BY_EXTERNAL_ID,
    query = "SELECT q FROM Queue q WHERE q.externalId = :externalId")
public class Queue {
  public static final String BY_EXTERNAL_ID = "Queue.byExternalId";
  public static final String ALL = "Queue.all";
  public static final String BY_NAME = "Queue.byName";
  public static final int MAX_NAME_LENGTH = 100;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  @Embedded private CallbackSettings callbackSettings;

  /** Its id in another system, e.g. Genesys Cloud; unique. */
  @Column(name = "external_id")
  private String externalId;

  @ManyToMany
  @JoinTable(
      name = "queue_member",
      joinColumns = @JoinColumn(name = "queue_id"),
      inverseJoinColumns = @JoinColumn(name = "agent_id"))
  private Set<Agent> members = new HashSet<>();

  @Version private long version;

  protected Queue() {}

  public Queue(String name, CallbackSettings settings) {
    rename(name);
    this.callbackSettings = settings == null ? CallbackSettings.defaults() : settings;
  }

  public void rename(String newName) {
    if (newName == null || newName.isBlank()) {
      throw new RuleViolation("name", "A queue needs a name.");
    }
    if (newName.strip().length() > MAX_NAME_LENGTH) {
      throw new RuleViolation("name", "must be at most " + MAX_NAME_LENGTH + " characters.");
    }
    this.name = newName.strip();
  }

  /** Gives the queue the id another system knows it by; none removes it. */
  public void identifyExternallyAs(Optional<String> id) {
    this.externalId = id.orElse(null);
  }

  public Optional<String> externalId() {
    return Optional.ofNullable(externalId);
  }

  public void applySettings(CallbackSettings settings) {
    this.callbackSettings = settings;
  }

  /** Replaces the members: the ACD's membership list is the truth. */
  public void replaceMembers(Collection<Agent> agents) {
    members.clear();
    members.addAll(agents);
  }

  public boolean hasMember(Agent agent) {
    return members.contains(agent);
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public CallbackSettings settings() {
    return callbackSettings;
  }

  public List<Agent> members() {
    return members.stream().sorted(Comparator.comparing(Agent::id)).toList();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Queue queue && id != null && id.equals(queue.id);
  }

  @Override
  public int hashCode() {
    return Queue.class.hashCode();
  }
}
