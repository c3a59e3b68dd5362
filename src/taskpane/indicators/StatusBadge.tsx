import { Badge, makeStyles } from "@fluentui/react-components";
import type { IndicatorStatus } from "../../domain/indicators/judge";
import { STATUS_COLORS } from "../../report/malavstamning";
import { strings } from "../strings";

const useStyles = makeStyles({
  badge: { fontWeight: 600, whiteSpace: "nowrap" },
});

/** The status in words on the same colours as the marks and the Målavstämning sheet. */
export function StatusBadge({
  status,
  size = "medium",
}: {
  status: IndicatorStatus;
  size?: "small" | "medium";
}) {
  const styles = useStyles();
  const colors = STATUS_COLORS[status];
  return (
    <Badge
      className={styles.badge}
      appearance="filled"
      shape="rounded"
      size={size}
      data-status={status}
      style={{ backgroundColor: colors.fill, color: colors.font, border: `1px solid ${colors.font}` }}
    >
      {strings.indicators.status[status]}
    </Badge>
  );
}
