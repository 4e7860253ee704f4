import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmNotificationsProps {
  /**
   * Whether alarms notify the topic; when false they still show their state in the console.
   * @default true
   */
  readonly actionsEnabled?: boolean;
  /**
   * An address subscribed to the topic (it must confirm the subscription by email).
   * @default - no subscription; subscribe to the topic yourself
   */
  readonly email?: string;
}

export interface ServiceAlarmProps {
  readonly metric: IMetric;
  /** Alarm when the metric is at or above this. */
  readonly threshold: number;
  readonly description: string;
  /** @default 1 */
  readonly evaluationPeriods?: number;
}

/** The SNS topic every alarm of the system notifies, and the way to make such alarms. */
export class AlarmNotifications extends Construct {
  readonly topic: ITopic;
  private readonly action: SnsAction;
  private readonly actionsEnabled: boolean;

  constructor(scope: Construct, id: string, props: AlarmNotificationsProps = {}) {
    super(scope, id);
    const topic = new Topic(this, 'Topic', { enforceSSL: true });
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry only alarm names and metric values. CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer-managed key would cost more than everything else here in a quiet month.',
    });
    if (props.email) topic.addSubscription(new EmailSubscription(props.email));
    this.topic = topic;
    this.action = new SnsAction(topic);
    this.actionsEnabled = props.actionsEnabled ?? true;
  }

  /** An alarm in `scope` (the construct it watches) that notifies the topic. */
  alarm(scope: Construct, id: string, props: ServiceAlarmProps): Alarm {
    const alarm = new Alarm(scope, id, {
      metric: props.metric,
      threshold: props.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: props.evaluationPeriods ?? 1,
      // No traffic is not a failure.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: props.description,
      actionsEnabled: this.actionsEnabled,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}

/** The period every alarm here evaluates: short enough to page within minutes, long enough to be calm. */
export const ALARM_PERIOD = Duration.minutes(5);
