{{/* Chart name, overridable. */}}
{{- define "herald.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name; truncated so that "-worker" suffixes still fit the 63-character limit. */}}
{{- define "herald.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 56 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 56 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 56 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "herald.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "herald.labels" -}}
helm.sh/chart: {{ include "herald.chart" . }}
{{ include "herald.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: herald
{{- end }}

{{- define "herald.selectorLabels" -}}
app.kubernetes.io/name: {{ include "herald.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of one role's objects. Call with (dict "root" $ "role" "api"). */}}
{{- define "herald.roleLabels" -}}
{{ include "herald.labels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{- define "herald.roleSelectorLabels" -}}
{{ include "herald.selectorLabels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{- define "herald.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "herald.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "herald.generatedSecretName" -}}
{{- include "herald.fullname" . }}-generated
{{- end }}

{{/*
The Secret holding one key. Call with (dict "root" $ "field" "adminToken"): the existingSecret when set; else
the chart's Secret for values given; else (admin token, master key) the Secret generated at install.
*/}}
{{- define "herald.secretFor" -}}
{{- $s := .root.Values.secrets }}
{{- if $s.existingSecret }}
{{- $s.existingSecret }}
{{- else if or (index $s .field) (has .field (list "databasePassword" "oidcClientSecret")) }}
{{- include "herald.fullname" .root }}
{{- else }}
{{- include "herald.generatedSecretName" .root }}
{{- end }}
{{- end }}

{{- define "herald.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/*
The role a Deployment runs: with the worker Deployment off, the api Deployment runs everything.
Call with (dict "root" $ "role" "api").
*/}}
{{- define "herald.heraldRole" -}}
{{- if and (eq .role "api") (not .root.Values.worker.enabled) }}all{{ else }}{{ .role }}{{ end }}
{{- end }}

{{/* Changes when a secret given in values changes (never for generated ones), so pods roll on a new password. */}}
{{- define "herald.givenSecretsChecksum" -}}
{{- pick .Values.secrets "adminToken" "masterKey" "databasePassword" "oidcClientSecret" | toJson | sha256sum }}
{{- end }}
