{{- define "headcount.labels" -}}
app.kubernetes.io/part-of: headcount
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{- define "headcount.secretName" -}}
{{- default (printf "%s-jwt" .Release.Name) .Values.security.existingSecret -}}
{{- end }}

{{- define "headcount.env" -}}
- name: SPRING_DATA_REDIS_CLUSTER_NODES
  value: {{ .Values.redis.clusterNodes | quote }}
- name: SPRING_KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: MANAGEMENT_INFLUX_METRICS_EXPORT_URI
  value: {{ .Values.influx.uri | quote }}
- name: MANAGEMENT_INFLUX_METRICS_EXPORT_DB
  value: {{ .Values.influx.db | quote }}
- name: HEADCOUNT_INSTANCE_ID
  valueFrom: { fieldRef: { fieldPath: metadata.name } }
{{- with .Values.security.issuerUri }}
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI
  value: {{ . | quote }}
{{- end }}
{{- with .Values.security.jwkSetUri }}
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI
  value: {{ . | quote }}
{{- end }}
{{- if or .Values.security.hmacSecret .Values.security.existingSecret }}
- name: HEADCOUNT_JWT_SECRET
  valueFrom: { secretKeyRef: { name: {{ include "headcount.secretName" . }}, key: hmac-secret } }
{{- end }}
{{- if or .Values.visitors.addressSalt .Values.visitors.existingSecret }}
- name: HEADCOUNT_VISITORS_ADDRESSSALT
  valueFrom: { secretKeyRef: { name: {{ .Values.visitors.existingSecret | default (printf "%s-visitors" .Release.Name) }}, key: address-salt } }
{{- end }}
{{- end }}
