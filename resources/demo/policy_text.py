"""Text of the fictional Riverton Police Department use-of-force order used by the demo.

Kept apart from the layout code so that the wording can be reviewed on its own. The agency,
its people and its ORI are invented; any resemblance to a real agency is accidental.
"""

AGENCY = "Riverton Police Department"
ORDER = "General Order 300"
TITLE = "Response to Resistance and Use of Force"
EFFECTIVE = "March 1, 2024"
CHIEF = "Dana M. Whitfield, Chief of Police"

# (kind, text): "h1" numbered section heading, "h2" sub-heading, "p" paragraph, "li" list item.
SECTIONS: list[tuple[str, str]] = [
    ("h1", "300.1 Purpose and Scope"),
    ("p", "This order establishes the policy of the Riverton Police Department on the use of "
          "force by its members. It applies to every sworn officer, reserve officer and "
          "recruit in training, on or off duty, whenever they act under the authority of the "
          "Department. Nothing in this order creates a higher legal standard of care or "
          "duty toward third parties than the law already imposes."),
    ("h1", "300.2 Policy"),
    ("p", "The Department recognizes and respects the value of every human life and the "
          "dignity of every person. Vesting officers with the authority to use force to "
          "protect the public requires monitoring, evaluation and a careful balancing of all "
          "interests. Officers shall use only the force that is objectively reasonable, "
          "necessary and proportional to the threat in order to accomplish a lawful purpose."),
    ("h1", "300.3 Definitions"),
    ("li", "Chokehold: a physical maneuver that restricts an individual's ability to breathe "
           "for the purposes of incapacitation, including any pressure applied to the throat, "
           "windpipe or airway."),
    ("li", "Carotid restraint (vascular neck restraint): a technique that applies pressure to "
           "the sides of the neck to restrict the flow of blood to the brain."),
    ("li", "De-escalation: taking action or communicating verbally or non-verbally during a "
           "potential force encounter in an attempt to stabilize the situation and reduce the "
           "immediacy of the threat so that more time, options and resources are available."),
    ("li", "Deadly force: force that creates a substantial risk of causing death or great "
           "bodily harm, including the discharge of a firearm at a person."),
    ("li", "Objectively reasonable: the standard by which force is judged, from the perspective "
           "of a reasonable officer on the scene, based on the facts and circumstances known to "
           "the officer at the time, rather than with the 20/20 vision of hindsight."),
    ("li", "Under control: a subject who is restrained, has surrendered, or no longer offers "
           "active resistance or an assaultive threat."),
    ("h1", "300.4 Legal Standard"),
    ("p", "This policy adheres to the Constitution of the United States, federal law, the "
          "statutes of the State and the ordinances of the City of Riverton. Where a state law "
          "or local ordinance sets a stricter limit than this order, officers shall follow the "
          "stricter limit."),
    ("p", "The use of force is a seizure governed by the Fourth Amendment. Whether force is "
          "objectively reasonable is decided under the standard of Graham v. Connor, 490 U.S. "
          "386 (1989), considering the severity of the crime at issue, whether the subject "
          "poses an immediate threat to the safety of officers or others, and whether the "
          "subject is actively resisting or attempting to evade arrest by flight. The use of "
          "deadly force against a fleeing person is further limited by Tennessee v. Garner, "
          "471 U.S. 1 (1985)."),
    ("p", "The Office of the Chief of Police reviews this order at least once a year with the "
          "City Attorney so that it reflects changes in case law and statute."),
    ("h1", "300.5 De-escalation"),
    ("p", "Officers shall use de-escalation techniques whenever it is safe and feasible to do so "
          "before resorting to force, and shall continue to de-escalate as the encounter "
          "develops. De-escalation techniques include:"),
    ("li", "creating time and distance, and using cover, to reduce the immediacy of a threat;"),
    ("li", "verbal persuasion, clear instructions and warnings, given calmly and repeated as "
           "needed;"),
    ("li", "requesting additional officers, a supervisor, a crisis intervention team member or "
           "mental health professionals;"),
    ("li", "considering whether a subject's lack of compliance is caused by a medical "
           "condition, mental impairment, language barrier, drug interaction or behavioral "
           "crisis rather than by a deliberate attempt to resist."),
    ("p", "An officer's failure to de-escalate when it was safe and feasible to do so will be "
          "considered in the review of any use of force."),
    ("h1", "300.6 Use of Force"),
    ("h2", "A. Factors"),
    ("p", "In deciding whether and how much force to use, officers shall consider the totality of "
          "the circumstances, including the seriousness of the offense, the subject's apparent "
          "age, size and strength relative to the officer, the influence of drugs or alcohol, "
          "the proximity of weapons, the availability of other options, and the risk of harm "
          "to bystanders."),
    ("h2", "B. Termination of force"),
    ("p", "When it is objectively reasonable to conclude that a subject is under control, "
          "officers shall immediately stop the use of force. Force shall be reduced as "
          "resistance decreases, and no force shall be used against a person who is "
          "restrained and no longer resisting."),
    ("h2", "C. Prohibited uses"),
    ("p", "Force shall never be used to punish, retaliate, or to coerce a statement. Officers "
          "shall not use force against a person who is only verbally confrontational and does "
          "not pose a threat to the officer or others."),
    ("h1", "300.7 Chokeholds and Neck Restraints"),
    ("p", "Officers shall not use a chokehold or any other technique that restricts the intake "
          "of oxygen for the purpose of gaining control of a subject, except in situations "
          "where the use of deadly force is authorized by law. The carotid restraint is "
          "likewise prohibited unless deadly force is authorized by law."),
    ("p", "An officer who applies any pressure to a subject's neck, whether intended or not, "
          "shall report it to a supervisor immediately and shall ensure the subject receives a "
          "medical evaluation."),
    ("h1", "300.8 Deadly Force"),
    ("p", "Officers may use deadly force only when they reasonably believe it is necessary to "
          "protect themselves or another person from an imminent threat of death or great "
          "bodily harm, or to prevent the escape of a fleeing subject when there is probable "
          "cause to believe the subject has committed a felony involving the infliction or "
          "threatened infliction of serious physical harm and escape would pose an imminent "
          "danger to others."),
    ("h2", "A. Identification and warning"),
    ("p", "Where feasible, before using deadly force an officer shall identify himself or "
          "herself as a police officer and give a verbal warning of the intent to use deadly "
          "force, unless doing so would place the officer or others at risk of death or great "
          "bodily harm."),
    ("h2", "B. Warning shots"),
    ("p", "Warning shots are prohibited. An officer shall not discharge a firearm as a warning "
          "or to summon assistance."),
    ("h2", "C. Moving vehicles"),
    ("p", "Officers shall not discharge a firearm at or from a moving vehicle unless an "
          "occupant of the vehicle is using deadly force against the officer or another person "
          "by means other than the vehicle itself. Officers shall not place themselves in the "
          "path of a moving vehicle and shall move out of its path when they can."),
    ("h1", "300.9 Duty to Intervene"),
    ("p", "Any officer present and observing another officer using force that is clearly beyond "
          "that which is objectively reasonable under the circumstances shall, when in a "
          "position to do so, intervene to prevent the use of unreasonable force. The duty "
          "applies regardless of the rank of the officer using force."),
    ("p", "An officer who observes another officer use force that exceeds the degree of force "
          "permitted by law shall promptly report these observations to a supervisor. No "
          "member shall be retaliated against for intervening or reporting."),
    ("h1", "300.10 Medical Aid"),
    ("p", "Once the scene is safe and as soon as practicable, officers shall render first aid "
          "within the scope of their training to any person injured in a use of force, and "
          "shall summon emergency medical services for any person who is injured, complains "
          "of injury, is unconscious, or has been subjected to a conducted electrical weapon, "
          "chemical agent or neck pressure."),
    ("p", "Persons who have been restrained shall be placed in a recovery position and "
          "monitored continuously for signs of medical distress until they are released to "
          "medical personnel or to the jail."),
    ("h1", "300.11 Reporting and Supervisory Review"),
    ("p", "Every use of force beyond compliant handcuffing shall be reported on a Response to "
          "Resistance Report before the end of the officer's shift. A supervisor shall respond "
          "to the scene of any use of force causing injury, review body-worn camera recordings, "
          "and forward the report through the chain of command to the Office of Professional "
          "Standards."),
    ("h1", "300.12 No-Knock Warrants"),
    ("p", "Officers serving a search warrant shall knock and announce their authority and "
          "purpose and wait a reasonable time before entry. A no-knock entry may be made only "
          "when a judge has expressly authorized it in the warrant, and only after the Chief "
          "of Police or a designee of the rank of Deputy Chief has approved the operational "
          "plan. No-knock warrants shall not be sought for offenses involving only the "
          "possession of controlled substances."),
    ("h1", "300.13 Training"),
    ("p", "All sworn officers shall receive at least sixteen hours of use-of-force training "
          "each year, including legal updates on the use of force, de-escalation techniques, "
          "crisis intervention, the duty to intervene, and rendering medical aid. Officers "
          "shall demonstrate proficiency with every weapon they are authorized to carry before "
          "carrying it and at least annually thereafter."),
    ("p", "Training records are kept by the Training Unit and audited yearly by the Office of "
          "Professional Standards."),
    ("h1", "300.14 Early Intervention System"),
    ("p", "The Department maintains an early intervention system to promote officer wellness "
          "and to identify officers who may be at risk of violating use-of-force policies. The "
          "system tracks performance indicators including uses of force, complaints, vehicle "
          "pursuits, sick leave and involvement in critical incidents."),
    ("p", "When an officer reaches a threshold of three uses of force or two complaints within "
          "any ninety-day period, the officer's supervisor shall meet with the officer and "
          "recommend interventions such as additional training, peer support, counselling "
          "through the Employee Assistance Program, or a change of assignment. Interventions "
          "are non-disciplinary."),
    ("h1", "300.15 Recruitment, Hiring and Promotion"),
    ("p", "The Department recruits, hires and promotes the best qualified candidates and seeks a "
          "workforce that reflects the community it serves. Every applicant completes a written "
          "examination, a physical fitness test, a background investigation, a psychological "
          "evaluation and an oral board. Candidates for promotion are evaluated on their "
          "record of sound judgment in the use of force, their complaint history and their "
          "commitment to community policing."),
    ("h1", "300.16 Community Engagement"),
    ("p", "The Department maintains a community engagement plan developed with residents and "
          "reviewed each year. The plan includes quarterly community meetings in each patrol "
          "district, a Citizen Advisory Board that reviews use-of-force statistics, youth "
          "outreach programs, and the annual publication of use-of-force data on the City's "
          "website."),
    ("h1", "300.17 Review of this Order"),
    ("p", "This order supersedes General Order 300 of June 1, 2019. It shall be reviewed "
          "annually by the Office of Professional Standards, and any revision shall be "
          "published to all members with acknowledgement of receipt."),
]
