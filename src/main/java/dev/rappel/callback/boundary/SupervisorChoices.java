package dev.rappel.callback.boundary;

import dev.rappel.agent.boundary.Agents;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The queues and agents a supervisor picks from, in the list's filters and in the reassign dialog.
 */
@Named("supervisorChoices")
@ViewScoped
public class SupervisorChoices implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject ScheduleForms forms;

  @Inject Agents agents;

  private List<Option> queues = List.of();
  private List<Option> agentOptions = List.of();

  /** A queue or agent to choose. */
  public record Option(long id, String name) implements Serializable {}

  // read once for the view: the filters and the dialog show the same choices
  @PostConstruct
  void init() {
    queues = forms.queues().stream().map(q -> new Option(q.id(), q.name())).toList();
    agentOptions = agents.all().stream().map(a -> new Option(a.id(), a.name())).toList();
  }

  public List<Option> getQueues() {
    return queues;
  }

  public List<Option> getAgents() {
    return agentOptions;
  }
}
